#!/usr/bin/env python3
"""Per-hop latencies of Engine API requests through the sidecar, from its journal.

Usage (after `perf/run-harness --keep-journal ...`, which prints where the journal was kept):
    bin/replay-tool dump --journal-dir=/tmp/boostj-harness-journalNNN --format=json > dump.json
    python3 perf/src/main/scripts/journal_breakdown.py dump.json 29      # only the last 29 s (skip the warm-up)

For each request type prints p50/p90/p99 (µs) of:
  a) Netty receive -> the request appended by the journal consumer,
  b) Netty receive -> the first awaited L2 call carried out by egress (engine + egress wake-ups),
  c) that L2 call carried out -> its reply received by Netty,
  d) the last awaited reply received -> the RpcReply carried out by egress,
and the total. Times: `recvTimeNs` inside events (Netty receive) and the journal time of commands (after egress).
"""
import json,collections,sys
recs=[json.loads(l) for l in open(sys.argv[1]) if l.startswith('{')]
t_end=max(r['recvTimeNs'] for r in recs); t_from=t_end-int(float(sys.argv[2])*1e9)
req={}; calls={}
for r in recs:
    t=r['type']; f=r.get('fields',{}); jt=r['recvTimeNs']
    if t in ('ForkchoiceUpdatedRequest','GetPayloadRequest','NewPayloadRequest'):
        q=req.setdefault(f['requestId'],{}); q['type']=t+('+attrs' if t.startswith('Fork') and f.get('hasAttributes')=='TRUE' else ''); q['recv']=f['recvTimeNs']; q['jin']=jt
    elif t=='UpstreamCall':
        c=calls.setdefault(f['callId'],{}); c['out']=jt; c['target']=f['target']; c['ff']=f['fireAndForget']
        req.setdefault(f['causeRequestId'],{}).setdefault('calls',[]).append(f['callId'])
    elif t=='UpstreamReply':
        c=calls.setdefault(f['callId'],{}); c['reply_recv']=f['recvTimeNs']; c['reply_jin']=jt; c['lat']=f.get('latencyNs')
    elif t=='RpcReply':
        req.setdefault(f['requestId'],{})['reply_out']=jt
stats=collections.defaultdict(lambda: collections.defaultdict(list))
for rid,q in req.items():
    if 'recv' not in q or q['recv']<t_from or 'reply_out' not in q or 'calls' not in q: continue
    l2=[calls[c] for c in q['calls'] if calls[c].get('target')=='L2' and calls[c].get('ff')=='FALSE']
    if not l2 or 'reply_recv' not in l2[0]: continue
    c=l2[0]; s=stats[q['type']]
    s['a) recv -> request journaled (journal consumer)'].append(q['jin']-q['recv'])
    s['b) recv -> L2 call handed to Netty (engine + egress wake-ups)'].append(c['out']-q['recv'])
    s['c) L2 call: send -> reply recv (incl. hop to the Netty loop)'].append(c['reply_recv']-c['out'])
    last=max(calls[x].get('reply_recv',0) for x in q['calls'] if calls[x].get('ff')=='FALSE')
    s['d) last reply recv -> RpcReply carried out (engine + egress)'].append(q['reply_out']-last)
    s['total: recv -> RpcReply carried out'].append(q['reply_out']-q['recv'])
for t in ['ForkchoiceUpdatedRequest+attrs','GetPayloadRequest','NewPayloadRequest','ForkchoiceUpdatedRequest']:
    s=stats[t]; n=len(s['total: recv -> RpcReply carried out'])
    print('%s (n=%d)'%(t,n))
    if 0 == n:
        continue
    for k in sorted(s):
        v=sorted(s[k]); n=len(v)
        print('   %-62s p50 %7.0f  p90 %7.0f  p99 %7.0f µs'%(k, v[n//2]/1e3, v[int(n*0.9)]/1e3, v[min(n-1,int(n*0.99))]/1e3))
