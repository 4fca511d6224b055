/**
 * The form schemas, UI schemas and example records, imported statically so Vite bundles them for the
 * browser (and Node reads them the same way). Data only: ./definition/ reads them. Browser-safe.
 */
import type { FormId } from '../procedures.ts';
import type { FormSources } from './definition/schema.ts';
import complaintIntakeSchema from '../../../schemas/complaint-intake.schema.json' with { type: 'json' };
import complaintIntakeUi from '../../../schemas/complaint-intake.uischema.json' with { type: 'json' };
import complaintIntakeExample from '../../../schemas/complaint-intake.example.json' with { type: 'json' };
import complaintMonthlyStatsSchema from '../../../schemas/complaint-monthly-stats.schema.json' with { type: 'json' };
import complaintMonthlyStatsUi from '../../../schemas/complaint-monthly-stats.uischema.json' with { type: 'json' };
import complaintMonthlyStatsExample from '../../../schemas/complaint-monthly-stats.example.json' with { type: 'json' };
import violationRecordSchema from '../../../schemas/violation-record.schema.json' with { type: 'json' };
import violationRecordUi from '../../../schemas/violation-record.uischema.json' with { type: 'json' };
import violationRecordExample from '../../../schemas/violation-record.example.json' with { type: 'json' };
import violationNoticeSchema from '../../../schemas/violation-notice.schema.json' with { type: 'json' };
import violationNoticeUi from '../../../schemas/violation-notice.uischema.json' with { type: 'json' };
import violationNoticeExample from '../../../schemas/violation-notice.example.json' with { type: 'json' };
import qrGr016Schema from '../../../schemas/qr-gr-016.schema.json' with { type: 'json' };
import qrGr016Ui from '../../../schemas/qr-gr-016.uischema.json' with { type: 'json' };
import qrGr016Example from '../../../schemas/qr-gr-016.example.json' with { type: 'json' };
import qrGr036Schema from '../../../schemas/qr-gr-036.schema.json' with { type: 'json' };
import qrGr036Ui from '../../../schemas/qr-gr-036.uischema.json' with { type: 'json' };
import qrGr036Example from '../../../schemas/qr-gr-036.example.json' with { type: 'json' };
import internalCoordinationSchema from '../../../schemas/internal-coordination.schema.json' with { type: 'json' };
import internalCoordinationUi from '../../../schemas/internal-coordination.uischema.json' with { type: 'json' };
import internalCoordinationExample from '../../../schemas/internal-coordination.example.json' with { type: 'json' };
import outageNoticeSchema from '../../../schemas/outage-notice.schema.json' with { type: 'json' };
import outageNoticeUi from '../../../schemas/outage-notice.uischema.json' with { type: 'json' };
import outageNoticeExample from '../../../schemas/outage-notice.example.json' with { type: 'json' };
import archiveCatalogueSchema from '../../../schemas/archive-catalogue.schema.json' with { type: 'json' };
import archiveCatalogueUi from '../../../schemas/archive-catalogue.uischema.json' with { type: 'json' };
import archiveCatalogueExample from '../../../schemas/archive-catalogue.example.json' with { type: 'json' };
import archiveChangeSchema from '../../../schemas/archive-change.schema.json' with { type: 'json' };
import archiveChangeUi from '../../../schemas/archive-change.uischema.json' with { type: 'json' };
import archiveChangeExample from '../../../schemas/archive-change.example.json' with { type: 'json' };
import archiveAccessSchema from '../../../schemas/archive-access.schema.json' with { type: 'json' };
import archiveAccessUi from '../../../schemas/archive-access.uischema.json' with { type: 'json' };
import archiveAccessExample from '../../../schemas/archive-access.example.json' with { type: 'json' };
import followUpVisitSchema from '../../../schemas/follow-up-visit.schema.json' with { type: 'json' };
import followUpVisitUi from '../../../schemas/follow-up-visit.uischema.json' with { type: 'json' };
import followUpVisitExample from '../../../schemas/follow-up-visit.example.json' with { type: 'json' };
import followUpMonthlyStatsSchema from '../../../schemas/follow-up-monthly-stats.schema.json' with { type: 'json' };
import followUpMonthlyStatsUi from '../../../schemas/follow-up-monthly-stats.uischema.json' with { type: 'json' };
import followUpMonthlyStatsExample from '../../../schemas/follow-up-monthly-stats.example.json' with { type: 'json' };

const sources = (schema: unknown, uiSchema: unknown, example: unknown): FormSources => ({ schema, uiSchema, example });

/** Every form's schema, UI schema and example as the files hold them, by form id. Read through ./definition/. */
export const FORM_SOURCES: Readonly<Record<FormId, FormSources>> = {
  'complaint-intake': sources(complaintIntakeSchema, complaintIntakeUi, complaintIntakeExample),
  'complaint-monthly-stats': sources(complaintMonthlyStatsSchema, complaintMonthlyStatsUi, complaintMonthlyStatsExample),
  'violation-record': sources(violationRecordSchema, violationRecordUi, violationRecordExample),
  'violation-notice': sources(violationNoticeSchema, violationNoticeUi, violationNoticeExample),
  'qr-gr-016': sources(qrGr016Schema, qrGr016Ui, qrGr016Example),
  'qr-gr-036': sources(qrGr036Schema, qrGr036Ui, qrGr036Example),
  'internal-coordination': sources(internalCoordinationSchema, internalCoordinationUi, internalCoordinationExample),
  'outage-notice': sources(outageNoticeSchema, outageNoticeUi, outageNoticeExample),
  'archive-catalogue': sources(archiveCatalogueSchema, archiveCatalogueUi, archiveCatalogueExample),
  'archive-change': sources(archiveChangeSchema, archiveChangeUi, archiveChangeExample),
  'archive-access': sources(archiveAccessSchema, archiveAccessUi, archiveAccessExample),
  'follow-up-visit': sources(followUpVisitSchema, followUpVisitUi, followUpVisitExample),
  'follow-up-monthly-stats': sources(followUpMonthlyStatsSchema, followUpMonthlyStatsUi, followUpMonthlyStatsExample),
};
