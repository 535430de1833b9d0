/**
 * Generates the static media of the demo catalog under public/media/ from the emulator seed, so
 * posters and logos stay in sync with it:
 *
 *   npx tsx scripts/generate-media.ts            # posters (one per seed resource) + MVPD logos
 *   npx tsx scripts/generate-media.ts --video    # … and re-encode public/media/video/sample.webm
 *
 * The video is one ~10 s, 640x360 VP9 WebM (no audio, ~380 KB): ffmpeg's `testsrc2` pattern with a
 * running clock and frame counter burnt in, two-pass at ~300 kbit/s, a key frame every 2 s so
 * seeking works. The exact command is `videoCommand()` below; equivalent shell (pass 2 shown):
 *
 *   ffmpeg -f lavfi -i testsrc2=size=640x360:rate=25:duration=10 -vf "<drawbox + drawtext, see OVERLAY>" \
 *     -c:v libvpx-vp9 -b:v 300k -minrate 100k -maxrate 450k -deadline good -cpu-used 2 -row-mt 1 \
 *     -g 50 -pix_fmt yuv420p -an -pass 2 public/media/video/sample.webm
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSeed, type SeedMvpd, type SeedResource } from '../emulator/domain/seed.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const PUBLIC = join(ROOT, 'public');
const FONT = "'Inter', 'Helvetica Neue', 'Segoe UI', Arial, sans-serif";

interface Palette {
  from: string;
  to: string;
  accent: string;
  ink: string;
}

const PALETTES: Record<string, Palette> = {
  'harbor-news': { from: '#0b1f3a', to: '#1f6f8b', accent: '#f2c14e', ink: '#ffffff' },
  'summit-sports': { from: '#5f0f1f', to: '#e8590c', accent: '#ffd43b', ink: '#ffffff' },
  'lantern-movies': { from: '#140f1f', to: '#8a4b14', accent: '#ffd58a', ink: '#fff8ec' },
  'pebble-kids': { from: '#0f766e', to: '#4cc9b0', accent: '#ffd166', ink: '#ffffff' },
};
const FALLBACK: Palette = { from: '#1f2937', to: '#4b5563', accent: '#e5e7eb', ink: '#ffffff' };

function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** Small deterministic PRNG so every poster is distinct but stable across runs. */
function prng(seedText: string): () => number {
  let h = 2166136261;
  for (const ch of seedText) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return () => {
    h = Math.imul(h ^ (h >>> 15), 2246822507);
    h = Math.imul(h ^ (h >>> 13), 3266489909);
    h ^= h >>> 16;
    return (h >>> 0) / 4294967296;
  };
}

function wrap(text: string, maxChars: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && `${line} ${word}`.length > maxChars) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** Channel motif, drawn faintly behind the title. */
function motif(channel: string, p: Palette, rand: () => number): string {
  const parts: string[] = [];
  switch (channel) {
    case 'harbor-news': {
      const cy = 170 + rand() * 60;
      parts.push(`<g fill="none" stroke="${p.ink}" stroke-opacity="0.16" stroke-width="1.5">`);
      parts.push(`<circle cx="300" cy="${cy.toFixed(0)}" r="150"/>`);
      for (const rx of [110, 70, 30])
        parts.push(`<ellipse cx="300" cy="${cy.toFixed(0)}" rx="${rx}" ry="150"/>`);
      for (const dy of [-100, -50, 0, 50, 100]) {
        const half = Math.sqrt(150 * 150 - dy * dy);
        parts.push(
          `<line x1="${(300 - half).toFixed(0)}" y1="${(cy + dy).toFixed(0)}" x2="${(300 + half).toFixed(0)}" y2="${(cy + dy).toFixed(0)}"/>`,
        );
      }
      parts.push('</g>');
      // A news ticker under the title.
      for (let i = 0; i < 2; i++) {
        parts.push(
          `<rect x="40" y="${548 + i * 12}" width="${(120 + rand() * 200).toFixed(0)}" height="4" rx="2" fill="${p.ink}" fill-opacity="0.28"/>`,
        );
      }
      break;
    }
    case 'summit-sports': {
      const offset = rand() * 120;
      parts.push(`<g fill="${p.accent}" fill-opacity="0.14">`);
      for (let i = 0; i < 6; i++) {
        const x = -200 + offset + i * 90;
        parts.push(`<polygon points="${x},600 ${x + 40},600 ${x + 440},0 ${x + 400},0"/>`);
      }
      parts.push('</g>');
      break;
    }
    case 'lantern-movies': {
      const cx = 120 + rand() * 160;
      parts.push(`<circle cx="${cx.toFixed(0)}" cy="190" r="170" fill="url(#glow)"/>`);
      for (let i = 0; i < 28; i++) {
        parts.push(
          `<circle cx="${(rand() * 400).toFixed(0)}" cy="${(rand() * 330).toFixed(0)}" r="${(0.6 + rand() * 1.6).toFixed(1)}" fill="${p.ink}" fill-opacity="${(0.3 + rand() * 0.5).toFixed(2)}"/>`,
        );
      }
      break;
    }
    default: {
      for (let i = 0; i < 11; i++) {
        const r = 14 + rand() * 60;
        parts.push(
          `<circle cx="${(rand() * 400).toFixed(0)}" cy="${(40 + rand() * 340).toFixed(0)}" r="${r.toFixed(0)}" fill="${i % 3 === 0 ? p.accent : p.ink}" fill-opacity="${(0.1 + rand() * 0.14).toFixed(2)}"/>`,
        );
      }
    }
  }
  return parts.join('');
}

export function posterSvg(resource: SeedResource): string {
  const p = PALETTES[resource.channel] ?? FALLBACK;
  const rand = prng(resource.id);
  const angle = Math.round(rand() * 40 - 20);
  const lines = wrap(resource.title, 13);
  const size = lines.length > 2 ? 40 : 46;
  const badge = Math.round(resource.channelName.length * 10.5 + 28);
  const titleTop = 530 - lines.length * size * 1.08;
  const title = lines
    .map(
      (line, i) =>
        `<tspan x="40" y="${(titleTop + (i + 1) * size * 1.08).toFixed(0)}">${escapeXml(line)}</tspan>`,
    )
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="600" viewBox="0 0 400 600" role="img" aria-label="${escapeXml(`${resource.title} — ${resource.channelName}`)}">
<defs>
<linearGradient id="bg" x1="0" y1="0" x2="0" y2="1" gradientTransform="rotate(${angle} 0.5 0.5)"><stop offset="0" stop-color="${p.from}"/><stop offset="1" stop-color="${p.to}"/></linearGradient>
<linearGradient id="shade" x1="0" y1="0" x2="0" y2="1"><stop offset="0.45" stop-color="#000" stop-opacity="0"/><stop offset="1" stop-color="#000" stop-opacity="0.55"/></linearGradient>
<radialGradient id="glow"><stop offset="0" stop-color="${p.accent}" stop-opacity="0.55"/><stop offset="1" stop-color="${p.accent}" stop-opacity="0"/></radialGradient>
</defs>
<rect width="400" height="600" fill="url(#bg)"/>
${motif(resource.channel, p, rand)}
<rect width="400" height="600" fill="url(#shade)"/>
<rect x="40" y="40" width="${badge}" height="30" rx="15" fill="${p.accent}"/>
<text x="${40 + badge / 2}" y="60" text-anchor="middle" font-family="${FONT}" font-size="14" font-weight="700" letter-spacing="1.5" fill="${p.from}">${escapeXml(resource.channelName.toUpperCase())}</text>
<text font-family="${FONT}" font-size="${size}" font-weight="800" letter-spacing="-0.5" fill="${p.ink}">${title}</text>
<rect x="40" y="${(titleTop - 18).toFixed(0)}" width="44" height="4" rx="2" fill="${p.accent}"/>
</svg>
`;
}

const LOGOS: Record<string, { color: string; mark: (c: string) => string; first: string; second: string }> = {
  AcmeCable: {
    color: '#c8102e',
    first: 'acme',
    second: 'cable',
    mark: (c) =>
      `<circle cx="50" cy="50" r="30" fill="none" stroke="${c}" stroke-width="8"/><circle cx="50" cy="50" r="9" fill="${c}"/><path d="M50 80 v14" stroke="${c}" stroke-width="8" stroke-linecap="round"/>`,
  },
  MetroFiber: {
    color: '#5b3cc4',
    first: 'metro',
    second: 'fiber',
    mark: (c) =>
      [0, 1, 2]
        .map(
          (i) =>
            `<path d="M${24 + i * 18} 80 Q${40 + i * 18} 20 ${64 + i * 12} 22" fill="none" stroke="${c}" stroke-width="7" stroke-linecap="round" stroke-opacity="${1 - i * 0.25}"/>`,
        )
        .join(''),
  },
};

export function logoSvg(mvpd: SeedMvpd): string {
  const logo = LOGOS[mvpd.id] ?? { color: '#374151', first: mvpd.displayName, second: '', mark: () => '' };
  return `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="100" viewBox="0 0 300 100" role="img" aria-label="${escapeXml(mvpd.displayName)}">
${logo.mark(logo.color)}
<text x="98" y="64" font-family="${FONT}" font-size="40" letter-spacing="-1" fill="${logo.color}"><tspan font-weight="800">${escapeXml(logo.first)}</tspan><tspan font-weight="300" fill="#1f2937">${escapeXml(logo.second)}</tspan></text>
</svg>
`;
}

const OVERLAY = (font: string) =>
  [
    'drawbox=x=170:y=120:w=300:h=120:color=black@0.6:t=fill',
    `drawtext=${font}:text='%{pts\\:hms}':fontsize=40:fontcolor=white:x=(w-tw)/2:y=140`,
    `drawtext=${font}:text='frame %{frame_num}':fontsize=24:fontcolor=white@0.85:x=(w-tw)/2:y=200`,
    `drawtext=${font}:text='Pass Reference TV · sample stream':fontsize=18:fontcolor=white:x=16:y=h-32:box=1:boxcolor=black@0.5:boxborderw=6`,
  ].join(',');

export function videoCommand(pass: 1 | 2, output: string, passLog: string): string[] {
  const fontFile = '/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf';
  const font = existsSync(fontFile) ? `fontfile=${fontFile}` : 'font=monospace';
  return [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    'testsrc2=size=640x360:rate=25:duration=10',
    '-vf',
    OVERLAY(font),
    '-c:v',
    'libvpx-vp9',
    '-b:v',
    '300k',
    '-minrate',
    '100k',
    '-maxrate',
    '450k',
    '-deadline',
    'good',
    '-cpu-used',
    '2',
    '-row-mt',
    '1',
    '-g',
    '50',
    '-pix_fmt',
    'yuv420p',
    '-an',
    '-fflags',
    '+bitexact',
    '-flags:v',
    '+bitexact',
    '-pass',
    String(pass),
    '-passlogfile',
    passLog,
    ...(pass === 1 ? ['-f', 'webm', '/dev/null'] : [output]),
  ];
}

function write(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  console.log(`wrote ${path.slice(ROOT.length)}`);
}

function main(): void {
  const seed = createSeed();
  for (const resource of seed.resources) write(join(PUBLIC, resource.poster), posterSvg(resource));
  for (const mvpd of seed.mvpds) write(join(PUBLIC, mvpd.logoUrl), logoSvg(mvpd));
  if (process.argv.includes('--video')) {
    const output = join(PUBLIC, 'media', 'video', 'sample.webm');
    mkdirSync(dirname(output), { recursive: true });
    const passLog = join(tmpdir(), `generate-media-${process.pid}`);
    for (const pass of [1, 2] as const) {
      const run = spawnSync('ffmpeg', videoCommand(pass, output, passLog), { stdio: 'inherit' });
      if (run.status !== 0) throw new Error(`ffmpeg pass ${pass} failed`);
    }
    rmSync(`${passLog}-0.log`, { force: true });
    console.log(`wrote ${output.slice(ROOT.length)}`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
