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
      lines.push({ text: '', font: '', top: y, baseline: y, framed: false, rule: true, height: 2 });
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
      });
      y += height;
    }
  }
  return { lines, height: y + MARGIN };
}

/** One canvas per paper width, grown as needed: a new canvas per ticket costs skia memory. */
const canvases = new Map<number, Canvas>();
function canvasFor(width: number, height: number): Canvas {
  const existing = canvases.get(width);
  if (existing && existing.height >= height) return existing;
  const canvas = createCanvas(width, Math.max(height, 640));
  canvases.set(width, canvas);
  return canvas;
}

/** Draws blocks on paper `width` dots wide and returns the dots the printer will print. */
export function renderBlocks(blocks: readonly Block[], width: number): Bitmap {
  const { lines, height } = layout(canvasFor(width, 8).getContext('2d'), blocks, width);
  const ctx = canvasFor(width, height).getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#000';
  ctx.strokeStyle = '#000';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'alphabetic';
  for (const line of lines) {
    if (line.rule) {
      ctx.fillRect(MARGIN, line.top, width - 2 * MARGIN, line.height);
      continue;
    }
    ctx.font = line.font;
    ctx.fillText(line.text, width / 2, line.baseline);
    if (line.framed) {
      const textWidth = ctx.measureText(line.text).width;
      const boxWidth = Math.min(width - 2 * MARGIN, textWidth + 2 * (FRAME + 10));
      ctx.lineWidth = FRAME;
      ctx.strokeRect((width - boxWidth) / 2, line.top + FRAME / 2, boxWidth, line.height - FRAME);
    }
  }
  return thresholdRgba(ctx.getImageData(0, 0, width, height).data, width, height);
}
