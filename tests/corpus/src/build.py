#!/usr/bin/env python3
"""Builds tests/corpus/*.jsonl from the annotated sources in tests/corpus/src/*.txt.

Source format: entries start with a header line "##" (optionally "## ia"); the text runs to the
next header. Labels are inline: [[CAT:span]] = expect, {{CAT:span}} = either (may nest:
[[CM:{{IA:你}}得]]). "## ia" auto-labels every 你 outside quotes/quoted history as
informal-address ("你好" as one span when it is a greeting); a 你 inside another expect span goes
to `either`, as in sample.jsonl. Occurrence is computed, and written when the span occurs more
than once in the text.
"""
import json, re, sys, pathlib
from collections import Counter

CATS = {
    'R': 'refusal', 'C': 'contrast', 'BS': 'blame-shifting', 'BC': 'blaming-customer',
    'A': 'absolute', 'NK': 'not-knowing', 'D': 'dismissive', 'CF': 'confrontational',
    'CM': 'commanding', 'H': 'hedging', 'IA': 'informal-address',
}
HERE = pathlib.Path(__file__).resolve().parent
OUT = HERE.parent

def parse(marked):
    out, stack, labels, i = [], [], [], 0
    while i < len(marked):
        two = marked[i:i+2]
        if two in ('[[', '{{'):
            m = re.match(r'(?:\[\[|\{\{)([A-Z]+):', marked[i:])
            if not m: raise ValueError('bad marker at ' + marked[i:i+20])
            stack.append(('expect' if two == '[[' else 'either', CATS[m.group(1)], len(''.join(out)), two))
            i += m.end(); continue
        if two in (']]', '}}'):
            kind, cat, start, opener = stack.pop()
            if (opener, two) not in (('[[', ']]'), ('{{', '}}')): raise ValueError('mismatched marker')
            end = len(''.join(out))
            labels.append((kind, cat, start, end))
            i += 2; continue
        out.append(marked[i]); i += 1
    if stack: raise ValueError('unclosed marker')
    return ''.join(out), labels

def not_coached(text):
    """Offsets inside “…”/「…」 quotes, '>' lines, and after a quoted-history header."""
    skip = set()
    for a, b in (('“', '”'), ('「', '」'), ('"', '"')):
        for m in re.finditer(re.escape(a) + '.*?' + re.escape(b), text, re.S):
            skip.update(range(m.start(), m.end()))
    pos = 0
    history = False
    for line in text.split('\n'):
        if re.match(r'^\s*(在|于).{0,120}写道\s*[:：]\s*$', line) or re.match(r'^\s*On .*wrote:\s*$', line):
            history = True
        if history or line.lstrip().startswith('>'):
            skip.update(range(pos, pos + len(line)))
        pos += len(line) + 1
    return skip

def occurrence(text, span, start):
    n, at = 0, -1
    while True:
        at = text.find(span, at + 1)
        if at < 0 or at > start: break
        n += 1
    return n

def build(lang, industry, src):
    recs = []
    raw = src.read_text('utf8')
    chunks = re.split(r'^##(.*)$', raw, flags=re.M)
    for k in range(1, len(chunks), 2):
        flags = chunks[k].split()
        text, labels = parse(chunks[k+1].strip('\n'))
        if lang == 'zh' and 'noia' not in flags:
            skip = not_coached(text)
            expect_ranges = [(s, e) for kind, c, s, e in labels if kind == 'expect']
            for m in re.finditer('你', text):
                s = m.start()
                if s in skip or text[s-1:s+1] == '迷你': continue
                if any(l[2] == s and l[1] == 'informal-address' for l in labels): continue
                covered = any(a <= s < b for a, b in expect_ranges)
                greet = text[s:s+2] == '你好' and (s + 2 == len(text) or text[s+2] in ',，!！ \n。~～')
                e = s + 2 if greet and not covered else s + 1
                labels.append(('either' if covered else 'expect', 'informal-address', s, e))
        rec = {'id': f'c-{lang}-{industry}-{len(recs)+1:03d}', 'lang': lang, 'text': text, 'expect': [], }
        either = []
        for kind, cat, s, e in sorted(labels, key=lambda l: (l[2], l[3])):
            span = text[s:e]
            lab = {'category': cat, 'span': span}
            if text.count(span) > 1 or occurrence(text, span, s) > 1:
                lab['occurrence'] = occurrence(text, span, s)
            (rec['expect'] if kind == 'expect' else either).append(lab)
        if either: rec['either'] = either
        if lang == 'en' and any(l['category'] == 'informal-address' for l in rec['expect']):
            raise ValueError(rec['id'] + ': informal-address in en')
        recs.append(rec)
    return recs

def main():
    stats = {}
    ids = set()
    for src in sorted(HERE.glob('*.txt')):
        lang, industry = src.stem.split('-', 1)
        recs = build(lang, industry, src)
        for r in recs:
            assert r['id'] not in ids; ids.add(r['id'])
        (OUT / f'{lang}-{industry}.jsonl').write_text(''.join(json.dumps(r, ensure_ascii=False) + '\n' for r in recs), 'utf8')
        stats[src.stem] = recs
    # summary
    for lang in ('zh', 'en'):
        files = {k: v for k, v in stats.items() if k.startswith(lang + '-')}
        allr = [r for v in files.values() for r in v]
        clean = sum(1 for r in allr if not r['expect'])
        cats = Counter(l['category'] for r in allr for l in r['expect'])
        print(f'{lang}: {len(allr)} replies, clean {clean} ({100*clean/max(1,len(allr)):.0f}%), labels {sum(cats.values())}')
        for k, v in files.items():
            print(f'   {k}: {len(v)} (clean {sum(1 for r in v if not r["expect"])})')
        for c in CATS.values(): print(f'   {c}: {cats[c]}')

if __name__ == '__main__':
    main()
