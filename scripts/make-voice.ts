/**
 * Makes the default announcement voice, offline: one WAV clip per piece of the phrase
 * (opening, "đến quầy số", number words, letter names) with Debian's espeak-ng, trimmed and
 * levelled with sox, plus a two-tone chime and `manifest.json` (phrase → file). The displays
 * join the clips in order. A center can replace any clip with its own recording of the same
 * name. Usage: npx tsx scripts/make-voice.ts [voice]   (vi, vi-vn-x-central, vi-vn-x-south)
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SPOKEN_PIECES } from '../server/queue/spoken.js';

const voice = process.argv[2] ?? 'vi';
const out = path.resolve(import.meta.dirname, '../kiosk-ui/public/voice');
const work = mkdtempSync(path.join(tmpdir(), 'tiepsuc-voice-'));
mkdirSync(out, { recursive: true });

const MARKS: Record<string, string> = { '\u0302': '^', '\u0306': 'w', '\u031B': 'w' };
const TONES: Record<string, string> = {
  '\u0301': 's',
  '\u0300': 'f',
  '\u0309': 'r',
  '\u0303': 'x',
  '\u0323': 'j',
};

/**
 * File names in Telex, the way Vietnamese is typed on an ASCII keyboard, so every piece gets
 * its own name ("một" mootj, "mốt" moots) and a technician can tell which clip is which.
 */
const slug = (text: string) =>
  text
    .toLowerCase()
    .split(/\s+/)
    .map((word) => {
      let base = '';
      let tone = '';
      for (const ch of word.replace(/đ/g, 'dd').normalize('NFD')) {
        if (TONES[ch]) tone = TONES[ch];
        else if (MARKS[ch] === '^') base += base.at(-1);
        else if (MARKS[ch]) base += MARKS[ch];
        else base += ch;
      }
      return base + tone;
    })
    .join('-');

const run = (cmd: string, args: string[]) =>
  execFileSync(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'] });

const manifest: Record<string, string> = {};
for (const piece of SPOKEN_PIECES) {
  const raw = path.join(work, 'raw.wav');
  const file = `${slug(piece)}.wav`;
  // espeak-ng reads digits wrongly ("15" as "mười năm"), so it is only ever given words.
  run('espeak-ng', ['-v', voice, '-s', '135', '-p', '45', '-w', raw, piece]);
  run('sox', [
    raw,
    '-r',
    '16000',
    '-b',
    '16',
    path.join(out, file),
    'silence',
    '1',
    '0.02',
    '0.5%',
    'reverse',
    'silence',
    '1',
    '0.02',
    '0.5%',
    'reverse',
    'norm',
    '-3',
  ]);
  manifest[piece.toLowerCase()] = file;
}

const tone = (name: string, hz: number, seconds: number) => {
  const file = path.join(work, name);
  run('sox', [
    '-n',
    '-r',
    '16000',
    '-b',
    '16',
    file,
    'synth',
    String(seconds),
    'sine',
    String(hz),
    'fade',
    'q',
    '0.01',
    String(seconds),
    String(seconds * 0.8),
    'vol',
    '0.5',
  ]);
  return file;
};
run('sox', [tone('a.wav', 784, 0.45), tone('b.wav', 523, 0.8), path.join(out, 'chime.wav')]);

writeFileSync(
  path.join(out, 'manifest.json'),
  `${JSON.stringify({ voice, chime: 'chime.wav', pieces: manifest }, null, 2)}\n`,
);
rmSync(work, { recursive: true, force: true });
console.log(`${Object.keys(manifest).length} clips and a chime in ${out}`);
