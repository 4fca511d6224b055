/** How a clause is named in running text, by the form pages and the rule messages alike. */

/** The whole sections records cite, named the same in every procedure the company issued. */
export const SECTION_NAMES: Readonly<Record<string, string>> = { '3': '職責', '5': '相關表格' };

/** "3" -> "第 3 條（職責）"; "4" -> "第 4 條"; "4.1.5" -> "第 4.1.5 條". */
export function clauseText(clause: string): string {
  return /^\d+$/.test(clause) && SECTION_NAMES[clause] ? `第 ${clause} 條（${SECTION_NAMES[clause]}）` : `第 ${clause} 條`;
}
