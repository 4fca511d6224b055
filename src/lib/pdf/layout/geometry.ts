/**
 * The record layout's measures, styles and shapes: A4 geometry, text styles, the cell and content
 * shapes rows are made of, and what the renderer takes and gives.
 */
import type { PDFDocument, PDFImage, PDFPage } from '@cantoo/pdf-lib';
import type { DocFonts } from './fonts.ts';
import type { FormModel } from '../document/form-model.ts';
import { GREY, type Rgb, type TextStyle } from './painter.ts';

export const A4: [number, number] = [595.28, 841.89];
export const MARGIN_X = 42;
export const CONTENT_W = A4[0] - 2 * MARGIN_X;
export const BODY_BOTTOM = 56;
export const LABEL_W = 86;
export const PAD_X = 4.5;
export const PAD_Y = 5;
export const MIN_ROW = 22;

export const LABEL: TextStyle = { size: 9, color: [0.15, 0.15, 0.15] };
export const VALUE: TextStyle = { size: 10 };
export const HEAD: TextStyle = { size: 9, bold: true };
export const SECTION: TextStyle = { size: 10, bold: true };
export const HINT: TextStyle = { size: 8.5, color: GREY };
export const LH_LABEL = 12.5;
export const LH_VALUE = 14.5;
export const LH_BLANK = 21;

/** A signature in the record data: the signer's name, the date, and the drawn image if any. */
export interface DrawnSignature {
  image: PDFImage | null;
  name: string;
  /** As typed (signedOn), e.g. 2026-03-04. */
  date: string;
}

export interface RenderInput {
  doc: PDFDocument;
  model: FormModel;
  fonts: DocFonts;
  mode: 'record' | 'blank';
  data?: unknown;
  /** 「依 <procedureNumber> 第 <revision> 版填寫」 */
  procedureNumber: string;
  procedureRevision: string;
  formRevision: string;
  recordNumber: string;
  retention: string;
  drawn?: Record<string, DrawnSignature>;
  /** 必簽 / 結案時必簽 / 視情況必簽 / '' by role. */
  requirement: Record<string, string>;
}

/** A signature box's writing area, where a digital signature's widget goes. */
export interface SignatureBox {
  role: string;
  label: string;
  pageIndex: number;
  /** [x, y, width, height], PDF user space, lower-left origin. */
  rect: [number, number, number, number];
}

export interface RenderResult {
  pages: PDFPage[];
  signatureBoxes: SignatureBox[];
}

export type Content =
  | { kind: 'lines'; lines: string[]; style: TextStyle; lh: number; align?: 'left' | 'center' }
  /** Each line's items; `box: false` is the continuation of a wrapped option (no box of its own). */
  | { kind: 'options'; lines: { label: string; box: boolean }[][]; style: TextStyle; lh: number }
  | { kind: 'ruled'; count: number; lh: number; hint?: string }
  | { kind: 'empty'; height: number };

export interface Cell {
  x: number;
  w: number;
  content: Content;
  fill?: Rgb;
  valign: 'top' | 'middle';
  /** Shown instead of the content on a continuation page. */
  continued?: Content;
}

export const BOX = 8;
export const BOX_GAP = 3;
export const OPTION_GAP = 12;

export const LIGHT_RULE: Rgb = [0.6, 0.6, 0.6];
export const DATE_HINT = '　　　年　　月　　日';
export const TIME_HINT = '　　時　　分';
