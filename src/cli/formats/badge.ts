import { progress } from '../../core';
import { htmlText } from './markdownText';
import type { FormatContext, Formatter } from './types';

/** Sections filled over all sections the files have or lack, in whole percent (rounded down: 100% means done). */
function filledPercent(): { add: (filled: number, total: number) => void; percent: () => number } {
  let filled = 0;
  let total = 0;
  return {
    add: (f, t) => {
      filled += f;
      total += t;
    },
    percent: () => (total === 0 ? 100 : Math.floor((filled / total) * 100)),
  };
}

/** shields.io's named colours, by how much is filled. */
function colour(percent: number): string {
  if (percent >= 90) return 'brightgreen';
  if (percent >= 75) return 'green';
  if (percent >= 50) return 'yellow';
  if (percent >= 25) return 'orange';
  return 'red';
}

const HEX: Record<string, string> = { brightgreen: '#4c1', green: '#97ca00', yellow: '#dfb317', orange: '#fe7d37', red: '#e05d44' };

function badgeFormatter(render: (label: string, message: string, colour: string) => string) {
  return ({ write, badgeLabel }: FormatContext): Formatter => {
    const sum = filledPercent();
    return {
      file: ({ analysis }) => {
        const p = progress(analysis);
        sum.add(p.sectionsDone, p.sections + p.left.missingSections);
      },
      end: () => {
        const percent = sum.percent();
        write(render(badgeLabel, `${percent}% filled`, colour(percent)) + '\n');
      },
    };
  };
}

/** A shields.io endpoint (https://shields.io/badges/endpoint-badge): `{"schemaVersion": 1, "label", "message", "color"}`. */
export const endpoint = badgeFormatter((label, message, color) => JSON.stringify({ schemaVersion: 1, label, message, color }));

/** Verdana 11px widths, near enough for a badge: narrow, wide and the rest. */
function textWidth(text: string): number {
  let width = 0;
  for (const c of text) width += 'iljI.,:;!|\' '.includes(c) ? 3.5 : 'mwMW%@'.includes(c) ? 10 : 7;
  return Math.ceil(width);
}

/** A flat SVG badge in the shields.io look; the label and message escaped as XML text. */
export const svg = badgeFormatter((label, message, colourName) => {
  const left = textWidth(label) + 12;
  const right = textWidth(message) + 12;
  const width = left + right;
  const l = htmlText(label);
  const m = htmlText(message);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="20" role="img" aria-label="${l}: ${m}">`,
    `<title>${l}: ${m}</title>`,
    `<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>`,
    `<clipPath id="r"><rect width="${width}" height="20" rx="3" fill="#fff"/></clipPath>`,
    `<g clip-path="url(#r)"><rect width="${left}" height="20" fill="#555"/><rect x="${left}" width="${right}" height="20" fill="${HEX[colourName]}"/><rect width="${width}" height="20" fill="url(#s)"/></g>`,
    `<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">`,
    `<text x="${left / 2}" y="14">${l}</text><text x="${left + right / 2}" y="14">${m}</text>`,
    `</g></svg>`,
  ].join('\n');
});
