#!/usr/bin/env python3
"""Converts seed 000 (新会区2014-2015年“大民政”工作计划表, a table pasted as text) into the CSV a
bureau would export from its spreadsheet: one row per table row, merged cells left empty, the
header repeated on each page dropped, the 备注 line kept out. The fixture data/plan/xinhui-2014-2015.csv
is this script's output; the plan importer's tests read it.

In the text every cell starts with a tab; a line without one continues the cell above (cells with
several paragraphs); a blank line followed by a tab line starts a new row. A row has 7 cells
(体系, 主要任务, 子项目, 完成时间, 责任单位, 2014, 2015) or 6 where the table has no 主要任务 column
for the system (its tasks stand directly under it).
Usage: seed000_to_csv.py SEED.txt > data/plan/xinhui-2014-2015.csv
"""
import csv
import sys

HEADER = ['体系名称', '主要任务', '子项目', '完成时间', '责任单位', '2014年工作计划', '2015年工作计划']


def rows(text):
    cur, out, blank = None, [], False
    for line in text.split('\n'):
        line = line.rstrip('\r')
        if line.startswith('\t'):
            if cur is None or blank:
                if cur:
                    out.append(cur)
                cur = []
            cur.append(line[1:].strip())
            blank = False
        elif line.strip() == '':
            blank = True
        elif cur:
            # a continued cell: its paragraphs joined by a line break
            cur[-1] = (cur[-1] + '\n' + line.strip()).strip()
            blank = False
    if cur:
        out.append(cur)
    return out


def main():
    text = open(sys.argv[1], encoding='utf-8').read()
    w = csv.writer(sys.stdout, lineterminator='\n')
    w.writerow(HEADER)
    for r in rows(text):
        if r and r[0] == '体系名称':
            continue  # the header (repeated per page)
        if len(r) == 6:
            # no 主要任务 column: the task is the 子项目
            r = [r[0], '', r[1], r[2], r[3], r[4], r[5]]
        if len(r) != 7 or not any(r):
            print(f'skipped {len(r)} cells: {r}', file=sys.stderr)
            continue
        w.writerow(r)


if __name__ == '__main__':
    main()
