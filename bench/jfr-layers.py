#!/usr/bin/env python3
"""Shares by layer of a JFR recording of a Java server (bench/servers.mjs with BENCH_JAVA_JFR=<dir>).

Usage: python3 bench/jfr-layers.py [--cpu-us N] [--top K] file.jfr [file.jfr ...]

Each jdk.ExecutionSample (read with `jfr print --events jdk.ExecutionSample --stack-depth 200`) is counted in the
layer of its innermost frame that is not neutral (the JDK's own, Spring's utilities, Spring Boot's JSON writer, the
servlet API's wrappers): a String built by Spring Boot's ECS writer counts as logging, a HashMap lookup inside
Hibernate as Hibernate. Several files are summed (e.g. the
rounds of one server and endpoint). --cpu-us (the run's CPU per request, from the bench's output) turns each share
into µs per request; JFR samples Java threads only (not GC or the JIT's compiler threads), so that is an estimate.
--top K lists the K innermost non-neutral methods of the most samples of each layer, to see what a layer spends
on; --callers TEXT lists the commonest chains of callers (five layer frames) of the methods whose name contains TEXT.
"""
import argparse
import collections
import re
import subprocess
import sys

# Ordered: the first prefix a frame's class starts with names its layer (so the more specific ones come first).
LAYERS = [
    ('validation', ('org.hibernate.validator.', 'jakarta.validation.')),
    ('criteria/SQM', ('org.hibernate.query.sqm.', 'org.hibernate.query.criteria.', 'org.hibernate.query.hql.',
                      'org.hibernate.grammars.', 'jakarta.persistence.criteria.')),
    ('Hibernate', ('org.hibernate.', 'jakarta.persistence.')),
    ('Spring Data', ('org.springframework.data.',)),
    ('transactions', ('org.springframework.transaction.', 'org.springframework.orm.')),
    ('Spring Security', ('org.springframework.security.',)),
    ('logging', ('ch.qos.logback.', 'org.slf4j.', 'org.springframework.boot.logging.', 'org.apache.logging.',
                 'org.apache.commons.logging.')),
    ('Jackson', ('com.fasterxml.jackson.', 'tools.jackson.')),
    ('Spring MVC', ('org.springframework.web.', 'org.springframework.http.', 'org.springframework.validation.')),
    ('Spring core/AOP', ('org.springframework.',)),
    ('Tomcat', ('org.apache.catalina.', 'org.apache.coyote.', 'org.apache.tomcat.', 'org.apache.juli.')),
    ('pgJDBC', ('org.postgresql.',)),
    ('Hikari', ('com.zaxxer.hikari.',)),
    ('Micrometer', ('io.micrometer.',)),
]
# Counted in their caller's layer: the JDK, and helpers any layer calls (Spring's utilities, the JSON writer of
# Spring Boot's structured logs, the servlet API's request and response wrappers).
NEUTRAL = ('java.', 'javax.', 'jdk.', 'sun.', 'com.sun.', 'org.springframework.util.', 'org.springframework.core.',
           'org.springframework.boot.json.', 'jakarta.servlet.')
FRAME = re.compile(r'^\s+([\w$.]+)\.([\w$<>]+)\(')


def layer(cls):
    for name, prefixes in LAYERS:
        if cls.startswith(prefixes):
            return name
    # Neither the JDK nor a known library: the server's own code (generated or baseline).
    return "app's filters" if re.search(r'Filter(\$|$)', cls) else "app's code"


def samples(path):
    """Each sample's frames, innermost first, as (class, method)."""
    out = subprocess.run(['jfr', 'print', '--events', 'jdk.ExecutionSample', '--stack-depth', '200', path],
                         check=True, capture_output=True, text=True).stdout
    frames, inside = [], False
    for line in out.splitlines():
        if line.strip().startswith('stackTrace = ['):
            frames, inside = [], True
        elif inside and line.strip() == ']':
            inside = False
            yield frames
        elif inside:
            m = FRAME.match(line)
            if m:
                frames.append((m.group(1), m.group(2)))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('files', nargs='+')
    ap.add_argument('--cpu-us', type=float, help="the run's CPU per request, to scale shares into µs per request")
    ap.add_argument('--top', type=int, default=0, help='list the top K methods of each layer')
    ap.add_argument('--callers', help='list the callers of the methods whose class.method contains this')
    args = ap.parse_args()
    counts, methods, total = collections.Counter(), collections.defaultdict(collections.Counter), 0
    chains = collections.Counter()
    for path in args.files:
        for frames in samples(path):
            total += 1
            own = next(((c, m) for c, m in frames if not c.startswith(NEUTRAL)), None)
            if args.callers and own and args.callers in f'{own[0]}.{own[1]}':
                outer = [f'{c.rsplit(".", 1)[-1]}.{m}' for c, m in frames if not c.startswith(NEUTRAL)]
                chains[' < '.join(outer[:5])] += 1
            name = layer(own[0]) if own else 'JDK only'
            counts[name] += 1
            methods[name][f'{own[0]}.{own[1]}' if own else f'{frames[0][0]}.{frames[0][1]}' if frames else '?'] += 1
    if total == 0:
        sys.exit(f'no jdk.ExecutionSample events in {", ".join(args.files)}')
    print(f'{total} samples')
    for name, n in counts.most_common():
        scaled = f'  {n / total * args.cpu_us:6.1f} µs' if args.cpu_us else ''
        print(f'{name:16} {n:6} {100 * n / total:5.1f} %{scaled}')
        for meth, k in methods[name].most_common(args.top):
            print(f'    {k:6}  {meth}')
    for chain, k in chains.most_common(15):
        print(f'{k:6}  {chain}')


if __name__ == '__main__':
    main()
