// The peer of perf/run-proxy-fanout: a minimal broadcast server on npm's `ws`, as one would write it. It subscribes
// to UPSTREAM_URL and sends every message to every client on /ws as Binary (like websocket-proxy), no compression,
// no per-client buffer limit.   node perf/peers/ws-broadcast.js UPSTREAM_URL PORT
'use strict';
const WebSocket = require('ws');

const [upstreamUrl, port] = process.argv.slice(2);
if (!upstreamUrl || !port) {
  console.error('usage: node ws-broadcast.js UPSTREAM_URL PORT');
  process.exit(2);
}
const server = new WebSocket.Server({ host: '127.0.0.1', port: Number(port), path: '/ws', perMessageDeflate: false,
  backlog: 4096, clientTracking: true });

function subscribe() {
  const upstream = new WebSocket(upstreamUrl, { perMessageDeflate: false });
  upstream.on('message', (data) => {
    for (const client of server.clients) {
      if (client.readyState === WebSocket.OPEN) {
        client.send(data, { binary: true });
      }
    }
  });
  upstream.on('close', () => setTimeout(subscribe, 500));
  upstream.on('error', (err) => console.error('upstream: ' + err.message));
}
subscribe();
