import { createRequire } from 'node:module';
import path from 'node:path';
import { type Canvas, createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';
import { type Bitmap, thresholdRgba } from '../../drivers/escpos/bitmap.js';
import type { Block } from './ticket-layout.js';

const FAMILY = 'Be Vietnam Pro';
const require = createRequire(import.meta.url);
const fontDir = path.dirname(require.resolve('@expo-google-fonts/be-vietnam-pro/package.json'));
for (const face of ['500Medium/BeVietnamPro_500Medium.ttf', '700Bold/BeVietnamPro_700Bold.ttf']) {
  GlobalFonts.registerFromPath(path.join(fontDir, face), FAMILY);
}

const DESIGN_WIDTH = 576;
const MARGIN = 8;
const FRAME = 3;
const MIN_TEXT = 20;

const fontOf = (size: number, bold: boolean | undefined) => `${bold ? 700 : 500} ${size}px "${FAMILY}"`;

interface Line {
  text: string;
  font: string;
  top: number;
  baseline: number;
  framed: boolean;
  rule: boolean;
  height: number;
  glyphs: boolean;
}

/**
 * Word wrap. A newline in the text marks where to break first if the whole does not fit (a
 * sentence stays whole); a single word wider than the paper stays whole and is shrunk by the caller.
 */
function wrap(ctx: SKRSContext2D, text: string, width: number): string[] {
  const whole = text.replaceAll('\n', ' ');
  if (ctx.measureText(whole).width <= width) return [whole];
  if (text.includes('\n')) return text.split('\n').flatMap((part) => wrap(ctx, part, width));
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const next = line ? `${line} ${word}` : word;
    if (line && ctx.measureText(next).width > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  lines.push(line);
  return lines;
}

/** Places every block on the paper: wraps text, shrinks what cannot wrap, frames the marks. */
function layout(
  ctx: SKRSContext2D,
  blocks: readonly Block[],
  width: number,
): { lines: Line[]; height: number } {
  const scale = width / DESIGN_WIDTH;
  const inner = width - 2 * MARGIN;
  const lines: Line[] = [];
  let y = MARGIN;
  for (const block of blocks) {
    y += Math.round((block.gap ?? 0) * scale);
    if (block.rule) {
      lines.push({
        text: '',
        font: '',
        top: y,
        baseline: y,
        framed: false,
        rule: true,
        height: 2,
        glyphs: false,
      });
      y += 2;
      continue;
    }
    const pad = block.framed ? FRAME + 6 : 0;
    // Narrow paper shrinks the headline, not the small print: below ~20 dots it stops being legible.
    let size = Math.max(Math.round(block.size * scale), Math.min(block.size, MIN_TEXT));
    ctx.font = fontOf(size, block.bold);
    const widest = Math.max(...block.text.split(/[ \n]/).map((w) => ctx.measureText(w).width));
    if (widest > inner - 2 * pad) {
      size = Math.floor((size * (inner - 2 * pad)) / widest);
      ctx.font = fontOf(size, block.bold);
    }
    const metrics = ctx.measureText('ẤỰ');
    // Vietnamese capitals stack two marks; the font's own ascent leaves room for them.
    const ascent = Math.ceil(metrics.fontBoundingBoxAscent);
    const descent = Math.ceil(metrics.fontBoundingBoxDescent * 0.6);
    for (const text of wrap(ctx, block.text, inner - 2 * pad)) {
      const height = ascent + descent + 2 * pad;
      lines.push({
        text,
        font: ctx.font,
        top: y,
        baseline: y + pad + ascent,
        framed: !!block.framed,
        rule: false,
        height,
        glyphs: !!block.glyphs,
      });
      y += height;
    }
  }
  return { lines, height: y + MARGIN };
}

/**
 * Each line is drawn once into its own strip of dots and kept: a ticket repeats its center,
 * service, marks and thanks, and only the number, the count and the time change. A strip runs
 * a full descent below its line, so nothing is clipped, and is laid onto the page with OR.
 */
const strips = new Map<string, Uint8Array>();
const STRIPS_KEPT = 96;

let scratch: Canvas | null = null;
function scratchCanvas(width: number, height: number): SKRSContext2D {
  if (!scratch || scratch.width < width || scratch.height < height) {
    scratch = createCanvas(Math.max(width, scratch?.width ?? 0), Math.max(height, scratch?.height ?? 0, 240));
  }
  return scratch.getContext('2d');
}

/** The dots of what `draw` paints on a white strip `width` × `rows`, kept under `key`. */
function kept(key: string, width: number, rows: number, draw: (ctx: SKRSContext2D) => void): Uint8Array {
  const found = strips.get(key);
  if (found) {
    // Most recently used last, so the oldest is the one dropped.
    strips.delete(key);
    strips.set(key, found);
    return found;
  }
  const ctx = scratchCanvas(width, rows);
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, rows);
  ctx.fillStyle = '#000';
  ctx.strokeStyle = '#000';
  ctx.textBaseline = 'alphabetic';
  draw(ctx);
  const dots = thresholdRgba(ctx.getImageData(0, 0, width, rows).data, width, rows).dots;
  strips.set(key, dots);
  if (strips.size > STRIPS_KEPT) strips.delete(strips.keys().next().value as string);
  return dots;
}

/** ORs `source` (`sourceWidth` dots wide, `rows` high) onto the page at (`left`, `top`). */
function lay(page: Bitmap, source: Uint8Array, sourceWidth: number, rows: number, left: number, top: number) {
  for (let y = 0; y < rows && top + y < page.height; y++) {
    const from = y * sourceWidth;
    const to = (top + y) * page.width + left;
    for (let x = 0; x < sourceWidth; x++) {
      if (source[from + x] && left + x >= 0 && left + x < page.width) page.dots[to + x] = 1;
    }
  }
}

function drawLine(page: Bitmap, line: Line, rows: number): void {
  const { width } = page;
  const baseline = line.baseline - line.top;
  const key = `line ${width} ${rows} ${line.font} ${line.framed} ${baseline} ${line.height} ${line.text}`;
  const dots = kept(key, width, rows, (ctx) => {
    ctx.textAlign = 'center';
    ctx.font = line.font;
    ctx.fillText(line.text, width / 2, baseline);
    if (line.framed) {
      const textWidth = ctx.measureText(line.text).width;
      const boxWidth = Math.min(width - 2 * MARGIN, textWidth + 2 * (FRAME + 10));
      ctx.lineWidth = FRAME;
      ctx.strokeRect((width - boxWidth) / 2, FRAME / 2, boxWidth, line.height - FRAME);
    }
  });
  lay(page, dots, width, rows, 0, line.top);
}

/** A line of unkerned glyphs (the number), each drawn once and laid side by side, centred. */
function drawGlyphs(page: Bitmap, line: Line, rows: number, ctx: SKRSContext2D): void {
  ctx.font = line.font;
  const advances = [...line.text].map((ch) => ctx.measureText(ch).width);
  let x = (page.width - advances.reduce((a, b) => a + b, 0)) / 2;
  const baseline = line.baseline - line.top;
  [...line.text].forEach((ch, i) => {
    const advance = advances[i] as number;
    // Room either side for glyphs that reach past their advance.
    const pad = Math.ceil(advance / 4);
    // Whole bytes of dots, as the threshold wants.
    const glyphWidth = Math.ceil((Math.ceil(advance) + 2 * pad) / 8) * 8;
    const dots = kept(`glyph ${rows} ${line.font} ${baseline} ${ch}`, glyphWidth, rows, (g) => {
      g.textAlign = 'left';
      g.font = line.font;
      g.fillText(ch, pad, baseline);
    });
    lay(page, dots, glyphWidth, rows, Math.round(x) - pad, line.top);
    x += advance;
  });
}

/** One canvas per paper width, only for measuring: drawing goes through the strips. */
const measures = new Map<number, SKRSContext2D>();
function measureContext(width: number): SKRSContext2D {
  let ctx = measures.get(width);
  if (!ctx) {
    ctx = createCanvas(width, 8).getContext('2d');
    measures.set(width, ctx);
  }
  return ctx;
}

/** Draws blocks on paper `width` dots wide and returns the dots the printer will print. */
export function renderBlocks(blocks: readonly Block[], width: number): Bitmap {
  const ctx = measureContext(width);
  const { lines, height } = layout(ctx, blocks, width);
  const paddedHeight = Math.ceil(height / 8) * 8;
  const page: Bitmap = { width, height: paddedHeight, dots: new Uint8Array(width * paddedHeight) };
  for (const line of lines) {
    if (line.rule) {
      for (let y = line.top; y < line.top + line.height; y++) {
        page.dots.fill(1, y * width + MARGIN, y * width + width - MARGIN);
      }
      continue;
    }
    ctx.font = line.font;
    const descent = Math.ceil(ctx.measureText(line.text).fontBoundingBoxDescent);
    const rows = Math.min(line.height + descent, paddedHeight - line.top);
    if (line.glyphs) drawGlyphs(page, line, rows, ctx);
    else drawLine(page, line, rows);
  }
  return page;
}
