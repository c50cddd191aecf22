/**
 * Compiler-style report: each finding under its line with a caret underline and the suggestion,
 * then a summary. Pure: returns the text.
 */
import type { Finding, UiLang } from '../engine/types';
import { displayWidth } from './display-width';

export interface TextReportOptions {
  /** Name shown before line:column (file path, or "<text>"). */
  source: string;
  ui: UiLang;
  color?: boolean;
}

const COLORS = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m', dim: '\x1b[2m', reset: '\x1b[0m', bold: '\x1b[1m' };

export function formatText(text: string, findings: Finding[], o: TextReportOptions): string {
  const paint = (code: keyof typeof COLORS, s: string) => (o.color ? COLORS[code] + s + COLORS.reset : s);
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const out: string[] = [];
  for (const f of findings) {
    let line = 0;
    while (line + 1 < lineStarts.length && lineStarts[line + 1]! <= f.start) line++;
    const lineStart = lineStarts[line]!;
    const lineEnd = line + 1 < lineStarts.length ? lineStarts[line + 1]! - 1 : text.length;
    const lineText = text.slice(lineStart, lineEnd).replace(/\t/g, ' ');
    const col = [...text.slice(lineStart, f.start)].length + 1;
    out.push(
      `${paint('bold', `${o.source}:${line + 1}:${col}`)}: ${paint(f.severity, f.severity)} ${f.message[o.ui]} ${paint('dim', `[${f.category}] ${f.ruleId}`)}`,
    );
    const visibleEnd = Math.min(f.end, lineEnd);
    const pad = displayWidth(text.slice(lineStart, f.start).replace(/\t/g, ' '));
    const width = Math.max(1, displayWidth(text.slice(f.start, visibleEnd)));
    out.push(`  ${lineText}`);
    out.push(`  ${' '.repeat(pad)}${paint(f.severity, '^'.repeat(width))}`);
    if (f.suggestions.length) out.push(`  ${o.ui === 'zh' ? '建议改为' : 'suggestion'}: ${f.suggestions.map((s) => `“${s}”`).join(' / ')}`);
    out.push(`  ${paint('dim', (o.ui === 'zh' ? '原因: ' : 'why: ') + f.why[o.ui])}`);
    out.push('');
  }
  out.push(summary(findings, o.ui));
  return out.join('\n');
}

export function summary(findings: Finding[], ui: UiLang): string {
  const n = (s: string) => findings.filter((f) => f.severity === s).length;
  if (!findings.length) return ui === 'zh' ? '没有发现问题。' : 'No findings.';
  return ui === 'zh'
    ? `共 ${findings.length} 处: ${n('error')} 个错误, ${n('warning')} 个警告, ${n('info')} 个提示`
    : `${findings.length} finding${findings.length === 1 ? '' : 's'}: ${n('error')} error, ${n('warning')} warning, ${n('info')} info`;
}
