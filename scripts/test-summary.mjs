/**
 * The closing line of `npm test`, read from Vitest's JSON report: "N passed, N failed".
 * A test file that fails to load (or fails in a hook) has no failed test of its own, so it is
 * counted as a failure itself; a failing run never says "0 failed".
 */
export function summarize(report, exitStatus) {
  const brokenFiles = report.testResults
    .filter((file) => file.status === 'failed' && !file.assertionResults.some((t) => t.status === 'failed'))
    .map((file) => file.name);
  let failed = report.numFailedTests + brokenFiles.length;
  if (exitStatus !== 0 && failed === 0) failed = 1; // errors outside any file, e.g. an unhandled rejection
  const skipped = report.numPendingTests + report.numTodoTests;
  return {
    brokenFiles,
    line: `${report.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`,
  };
}

/**
 * One report from the reports of Vitest runs made side by side (npm test runs the unit and the
 * browser projects as two processes): their files together, their counts added.
 */
export function mergeReports(reports) {
  const counts = ['numTotalTests', 'numPassedTests', 'numFailedTests', 'numPendingTests', 'numTodoTests', 'numTotalTestSuites', 'numFailedTestSuites'];
  const merged = { testResults: reports.flatMap((r) => r.testResults) };
  for (const key of counts) merged[key] = reports.reduce((sum, r) => sum + (r[key] ?? 0), 0);
  return merged;
}
