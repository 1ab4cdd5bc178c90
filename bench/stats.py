#!/usr/bin/env python3
"""Numbers for bench/*.sh, which keep no floating point of their own.

    stats.py get FILE.json FIELD [COMMAND_INDEX]   median|mean|stddev|min|max|runs, seconds
    stats.py cell FILE.json [COMMAND_INDEX]        "median | mean ± σ | min … max" (markdown cells)
    stats.py fmt SECONDS                           "1.23 s", "45.6 ms"
    stats.py calc EXPRESSION [DIGITS]              a number, e.g. `calc "12.3 / 0.41" 1`
    stats.py verdict EXPRESSION                    PASS when the expression holds, else MISS
    stats.py rss FILE... [--stat max|median]       peak RSS in MB (10^6 bytes) from `/usr/bin/time -v` reports
    stats.py rss-bytes FILE...                     the largest peak RSS in bytes
"""
import json
import re
import statistics
import sys


def load(path, index):
    return json.load(open(path))["results"][int(index)]


def field(result, name):
    if name == "runs":
        return len(result["times"])
    if name == "median":
        return statistics.median(result["times"])
    return result[name]


def fmt(seconds):
    seconds = float(seconds)
    if seconds >= 1:
        return f"{seconds:.2f} s"
    return f"{seconds * 1000:.1f} ms"


def rss_values(paths):
    values = []
    for path in paths:
        text = open(path, encoding="utf-8", errors="replace").read()
        values += [int(v) for v in re.findall(r"Maximum resident set size \(kbytes\): (\d+)", text)]
    if not values:
        sys.exit("stats: no `Maximum resident set size` line in " + " ".join(paths))
    return values


def main():
    command, args = sys.argv[1], sys.argv[2:]
    if command == "get":
        value = field(load(args[0], args[2] if len(args) > 2 else 0), args[1])
        print(value)
    elif command == "cell":
        r = load(args[0], args[1] if len(args) > 1 else 0)
        print(f"{fmt(statistics.median(r['times']))} | {fmt(r['mean'])} ± {fmt(r['stddev'] or 0)} | "
              f"{fmt(r['min'])} … {fmt(r['max'])}")
    elif command == "fmt":
        print(fmt(args[0]))
    elif command == "calc":
        digits = int(args[1]) if len(args) > 1 else 2
        print(f"{eval(args[0], {'__builtins__': {}}, {}):.{digits}f}")
    elif command == "verdict":
        print("PASS" if eval(args[0], {"__builtins__": {}}, {}) else "MISS")
    elif command == "rss":
        stat = "max"
        if "--stat" in args:
            stat = args[args.index("--stat") + 1]
            args = args[:args.index("--stat")]
        values = rss_values(args)
        value = max(values) if stat == "max" else statistics.median(values)
        print(f"{value * 1024 / 1e6:.1f}")
    elif command == "rss-bytes":
        print(max(rss_values(args)) * 1024)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
