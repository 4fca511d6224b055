/**
 * Drawing primitives over raw PDF operators, for page content and for appearance streams
 * (signature widgets, stamps) alike. Each surface registers a font once and reuses its
 * resource key (pdf-lib's drawText adds a new key per call), and a line that mixes the TC and
 * SC faces is one text object, so the glyphs advance exactly and copy as one string.
 */
import {
  PDFArray,
  PDFDict,
  PDFName,
  PDFOperator,
  PDFRef,
  beginText,
  closePath,
  endText,
  fill,
  fillAndStroke,
  setDashPattern,
  lineTo,
  moveTo,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  setFillingRgbColor,
  setFontAndSize,
  setLineWidth,
  setStrokingRgbColor,
  setTextMatrix,
  setTextRenderingMode,
  showText,
  stroke,
  concatTransformationMatrix,
  drawObject,
  TextRenderingMode,
  type PDFContext,
  type PDFFont,
  type PDFImage,
  type PDFPage,
} from '@cantoo/pdf-lib';
import type { DocFonts } from './fonts.ts';

export type Rgb = readonly [number, number, number];
export const BLACK: Rgb = [0, 0, 0];
export const GREY: Rgb = [0.42, 0.42, 0.42];
export const LIGHT: Rgb = [0.93, 0.93, 0.93];
export const RULE: Rgb = [0.25, 0.25, 0.25];
export const RED: Rgb = [0.78, 0.06, 0.06];
export const WHITE: Rgb = [1, 1, 1];

export interface Surface {
  fontKey(font: PDFFont): PDFName;
  imageKey(image: PDFImage): PDFName;
  push(...ops: PDFOperator[]): void;
}

/** Page content: operators collected, then appended to the page in one content stream. */
export class PageSurface implements Surface {
  private readonly ops: PDFOperator[] = [];
  private readonly fonts = new Map<PDFRef, PDFName>();
  private readonly images = new Map<PDFRef, PDFName>();

  readonly page: PDFPage;

  constructor(page: PDFPage) {
    this.page = page;
  }

  fontKey(font: PDFFont): PDFName {
    let key = this.fonts.get(font.ref);
    if (!key) {
      key = this.page.node.newFontDictionary(font.name, font.ref);
      this.fonts.set(font.ref, key);
    }
    return key;
  }

  imageKey(image: PDFImage): PDFName {
    let key = this.images.get(image.ref);
    if (!key) {
      key = this.page.node.newXObject('Image', image.ref);
      this.images.set(image.ref, key);
    }
    return key;
  }

  push(...ops: PDFOperator[]): void {
    this.ops.push(...ops);
  }

  flush(): void {
    if (this.ops.length > 0) this.page.pushOperators(...this.ops.splice(0));
  }
}

/** A Form XObject (annotation appearance) with its own resources. */
export class XObjectSurface implements Surface {
  private readonly ops: PDFOperator[] = [];
  private readonly fontDict: PDFDict;
  private readonly xobjDict: PDFDict;
  private readonly fonts = new Map<PDFRef, PDFName>();
  private readonly images = new Map<PDFRef, PDFName>();

  private readonly context: PDFContext;
  readonly width: number;
  readonly height: number;

  constructor(context: PDFContext, width: number, height: number) {
    this.context = context;
    this.width = width;
    this.height = height;
    this.fontDict = context.obj({});
    this.xobjDict = context.obj({});
  }

  fontKey(font: PDFFont): PDFName {
    let key = this.fonts.get(font.ref);
    if (!key) {
      key = PDFName.of(`F${this.fonts.size + 1}`);
      this.fontDict.set(key, font.ref);
      this.fonts.set(font.ref, key);
    }
    return key;
  }

  imageKey(image: PDFImage): PDFName {
    let key = this.images.get(image.ref);
    if (!key) {
      key = PDFName.of(`Im${this.images.size + 1}`);
      this.xobjDict.set(key, image.ref);
      this.images.set(image.ref, key);
    }
    return key;
  }

  push(...ops: PDFOperator[]): void {
    this.ops.push(...ops);
  }

  /** Registers the stream and returns its ref. */
  register(): PDFRef {
    const resources = this.context.obj({});
    if (this.fonts.size > 0) resources.set(PDFName.of('Font'), this.fontDict);
    if (this.images.size > 0) resources.set(PDFName.of('XObject'), this.xobjDict);
    const stream = this.context.formXObject(this.ops, {
      BBox: this.context.obj([0, 0, this.width, this.height]) as PDFArray,
      Matrix: this.context.obj([1, 0, 0, 1, 0, 0]) as PDFArray,
      Resources: resources,
    });
    return this.context.register(stream);
  }
}

export interface TextStyle {
  size: number;
  color?: Rgb;
  /** Fake bold: fill + thin stroke (one face only is embedded). */
  bold?: boolean;
}

export class Painter {
  readonly fonts: DocFonts;
  surface: Surface;

  constructor(fonts: DocFonts, surface: Surface) {
    this.fonts = fonts;
    this.surface = surface;
  }

  /** Draws one line (no newline) with its baseline at (x, y). */
  text(line: string, x: number, y: number, style: TextStyle): void {
    if (line === '') return;
    const color = style.color ?? BLACK;
    const ops: PDFOperator[] = [pushGraphicsState(), beginText(), setFillingRgbColor(...color)];
    if (style.bold) {
      ops.push(setStrokingRgbColor(...color), setLineWidth(style.size * 0.03), setTextRenderingMode(TextRenderingMode.FillAndOutline));
    }
    ops.push(setTextMatrix(1, 0, 0, 1, x, y));
    for (const run of this.fonts.runs(line)) {
      const font = this.fonts.pdfFont(run.face);
      ops.push(setFontAndSize(this.surface.fontKey(font), style.size), showText(font.encodeText(run.text)));
    }
    ops.push(endText(), popGraphicsState());
    this.surface.push(...ops);
  }

  width(text: string, size: number): number {
    return this.fonts.width(text, size);
  }

  textCentered(line: string, cx: number, y: number, style: TextStyle): void {
    this.text(line, cx - this.width(line, style.size) / 2, y, style);
  }

  textRight(line: string, right: number, y: number, style: TextStyle): void {
    this.text(line, right - this.width(line, style.size), y, style);
  }

  /** Rectangle from its lower-left corner. */
  rect(x: number, y: number, w: number, h: number, opts: { fill?: Rgb; stroke?: Rgb; lineWidth?: number }): void {
    const ops: PDFOperator[] = [pushGraphicsState()];
    if (opts.fill) ops.push(setFillingRgbColor(...opts.fill));
    if (opts.stroke) ops.push(setStrokingRgbColor(...opts.stroke), setLineWidth(opts.lineWidth ?? 0.6));
    ops.push(rectangle(x, y, w, h));
    if (opts.fill && opts.stroke) ops.push(fillAndStroke());
    else if (opts.fill) ops.push(fill());
    else ops.push(stroke());
    ops.push(popGraphicsState());
    this.surface.push(...ops);
  }

  line(x1: number, y1: number, x2: number, y2: number, color: Rgb = RULE, width = 0.6, dash?: number[]): void {
    const ops: PDFOperator[] = [pushGraphicsState(), setStrokingRgbColor(...color), setLineWidth(width)];
    if (dash) ops.push(setDashPattern(dash, 0));
    ops.push(moveTo(x1, y1), lineTo(x2, y2), stroke(), popGraphicsState());
    this.surface.push(...ops);
  }

  /** A check box drawn as a square (no glyph needed), lower-left at (x, y). */
  checkbox(x: number, y: number, size: number, checked = false): void {
    this.rect(x, y, size, size, { stroke: RULE, lineWidth: 0.6 });
    if (checked) {
      this.surface.push(
        pushGraphicsState(),
        setStrokingRgbColor(...BLACK),
        setLineWidth(0.9),
        moveTo(x + size * 0.2, y + size * 0.5),
        lineTo(x + size * 0.42, y + size * 0.22),
        lineTo(x + size * 0.82, y + size * 0.8),
        stroke(),
        popGraphicsState(),
      );
    }
  }

  image(image: PDFImage, x: number, y: number, w: number, h: number): void {
    this.surface.push(
      pushGraphicsState(),
      concatTransformationMatrix(w, 0, 0, h, x, y),
      drawObject(this.surface.imageKey(image)),
      popGraphicsState(),
    );
  }

  triangle(points: [number, number][], color: Rgb): void {
    const [first, ...rest] = points;
    this.surface.push(
      pushGraphicsState(),
      setFillingRgbColor(...color),
      moveTo(...first),
      ...rest.map((p) => lineTo(...p)),
      closePath(),
      fill(),
      popGraphicsState(),
    );
  }
}
