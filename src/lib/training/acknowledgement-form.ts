/**
 * The 培訓確認記錄 form: its schema (schemas/training/acknowledgement.*.json, bundled for the browser) and the
 * record envelope of an acknowledgement. The envelope names the procedure trained on and its revision, so the
 * PDF reads 「依 <編號> 第 <版本/改次> 版填寫」 and the verifier says whether that revision is still in force.
 * Browser-safe.
 */
import schema from '../../../schemas/training/acknowledgement.schema.json' with { type: 'json' };
import uiSchema from '../../../schemas/training/acknowledgement.uischema.json' with { type: 'json' };
import example from '../../../schemas/training/acknowledgement.example.json' with { type: 'json' };
import { envelopeFor, type RecordEnvelope } from '../record.ts';
import type { AcknowledgementData } from './acknowledgement.ts';

export const ACKNOWLEDGEMENT_FORM = { schema, uiSchema, example } as const;

export type SignedAcknowledgement = AcknowledgementData & {
  signatures: { trainee: { name: string; signedOn: string } };
};

/** The acknowledgement as a record envelope, with the trainee's typed signature line filled in. */
export function acknowledgementEnvelope(data: AcknowledgementData, savedAt: Date | string = new Date()): RecordEnvelope<SignedAcknowledgement> {
  const x = schema['x-form'];
  return envelopeFor(
    { id: x.id, number: x.number, revision: x.revision, procedure: data.procedure, procedureNumber: data.procedureNumber },
    { ...data, signatures: { trainee: { name: data.name, signedOn: data.date } } },
    data.revision,
    savedAt,
  );
}
