/**
 * The 培訓確認記錄 form: its schema (schemas/training/acknowledgement.*.json, bundled for the browser) and the
 * record envelope of an acknowledgement. The envelope names the procedure trained on and its revision, so the
 * PDF reads 「依 <編號> 第 <版本/改次> 版填寫」 and the verifier says whether that revision is still in force.
 * Browser-safe.
 */
import { envelopeFor, type RecordEnvelope } from '../record/envelope.ts';
import { ACKNOWLEDGEMENT_FORM, ACKNOWLEDGEMENT_FORM_ID, recordFormDefinition, type FormDefinition } from '../forms/definition/index.ts';
import type { FormMeta } from '../forms/definition/schema.ts';
import type { AcknowledgementData } from './acknowledgement.ts';

export { ACKNOWLEDGEMENT_FORM, ACKNOWLEDGEMENT_FORM_ID };

/** Its form definition, as the PDF export and the record PDF panel take it. */
export const ACKNOWLEDGEMENT_DEFINITION = recordFormDefinition(ACKNOWLEDGEMENT_FORM_ID) as FormDefinition;

export type SignedAcknowledgement = AcknowledgementData & {
  signatures: { trainee: { name: string; signedOn: string } };
};

/** The acknowledgement as a record envelope, with the trainee's typed signature line filled in. */
export function acknowledgementEnvelope(data: AcknowledgementData, savedAt: Date | string = new Date()): RecordEnvelope<SignedAcknowledgement> {
  // The form's metadata, but naming the procedure trained on rather than the form's placeholder.
  const meta = { ...(ACKNOWLEDGEMENT_FORM.schema['x-form'] as unknown as FormMeta), procedure: data.procedure, procedureNumber: data.procedureNumber };
  return envelopeFor(
    meta,
    { ...data, signatures: { trainee: { name: data.name, signedOn: data.date } } },
    data.revision,
    savedAt,
  );
}
