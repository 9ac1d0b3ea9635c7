"""Splits bench/scan-reply.sh's scans by hop: joins each scan's simulator times (SCAN_RAW's CSV:
phase,openid,scheduled,sentAt,answeredAt,replyAt) with the gateway's receipt time of its push (the
CloudEvent's time on wechat.events, `./wxrelay tail events --json` lines on stdin) and prints p50 /
p99 per phase of: push sent -> gateway received, received -> gateway's success answered (the
Kafka write), received -> reply delivered (Kafka to the worker, the worker, the custom-send call).

  python3 bench/scan-hops.py RAW.csv < events.jsonl
"""
import json
import sys
from datetime import datetime


def at(text):
    text = text.strip()
    if text in ("", "null", "None"):
        return None
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    head, _, tail = text.partition(".")
    if tail:  # fromisoformat takes at most 6 fraction digits
        frac, zone = tail[: tail.index("+")], tail[tail.index("+"):]
        text = head + "." + frac[:6].ljust(6, "0") + zone
    return datetime.fromisoformat(text).timestamp()


received = {}
for line in sys.stdin:
    start = line.find("{")
    if start < 0:
        continue
    try:
        event = json.loads(line[start:])
    except ValueError:
        continue
    data = event.get("data") or {}
    openid = data.get("openid") if isinstance(data, dict) else None
    if openid and event.get("time"):
        received.setdefault(openid, at(event["time"]))

phases = {}
for row in open(sys.argv[1]):
    phase, openid, _, sent, answered, reply = row.rstrip("\n").split(",")
    got = received.get(openid)
    if got is None:
        continue
    hops = phases.setdefault(phase, {"sent->gateway": [], "gateway->success": [], "gateway->reply": []})
    hops["sent->gateway"].append(got - at(sent))
    if at(answered) is not None:
        hops["gateway->success"].append(at(answered) - got)
    if at(reply) is not None:
        hops["gateway->reply"].append(at(reply) - got)


def pct(values, p):
    values = sorted(values)
    return values[max(0, -(-p * len(values) // 100) - 1)] * 1000


print("| phase | scans with a gateway time | hop | p50 ms | p90 ms | p99 ms | max ms |")
print("|---|---|---|---|---|---|---|")
for phase, hops in phases.items():
    n = len(hops["sent->gateway"])
    for hop, values in hops.items():
        if values:
            print(f"| {phase} | {n} | {hop} | {pct(values, 50):.1f} | {pct(values, 90):.1f} | "
                  f"{pct(values, 99):.1f} | {max(values) * 1000:.1f} |")
