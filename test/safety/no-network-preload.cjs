// Preload for the no-network test: `node --require test/safety/no-network-preload.cjs …`.
// Every way a Node program reaches the network (sockets, TLS, DNS, HTTP, fetch, WebSocket, UDP,
// and starting another program that could) is replaced by a function that appends the attempt to
// the file named by CLAIMLINT_NETWORK_LOG and throws. Loading is logged too, so a test can tell
// "no attempt" from "the preload never ran". stdio pipes are sockets that never call connect, so
// the language server's stdio keeps working.
'use strict';
const fs = require('node:fs');

const logFile = process.env.CLAIMLINT_NETWORK_LOG;
if (!logFile) throw new Error('no-network-preload: set CLAIMLINT_NETWORK_LOG to the file that records attempts');

function record(event) {
  fs.appendFileSync(logFile, `${JSON.stringify({ pid: process.pid, ...event })}\n`);
}

function describeTarget(args) {
  const [first, second] = args;
  if (typeof first === 'string' || typeof first === 'number') return second !== undefined && typeof second !== 'function' && typeof second !== 'object' ? `${first} ${second}` : String(first);
  if (first instanceof URL) return first.href;
  if (first && typeof first === 'object') {
    if (Array.isArray(first)) return describeTarget(first);
    const { href, url, host, hostname, port, path } = first;
    if ((href ?? url) !== undefined) return String(href ?? url);
    if ((hostname ?? host) !== undefined) return port !== undefined ? `${hostname ?? host}:${port}` : String(hostname ?? host);
    if (path !== undefined) return String(path);
  }
  return '?';
}

function blocked(api) {
  return function blockedNetworkCall(...args) {
    const target = describeTarget(args);
    record({ event: 'attempt', api, target, stack: new Error().stack.split('\n').slice(2, 8).join('\n') });
    throw new Error(`network access blocked by the claimlint test preload: ${api} ${target}`);
  };
}

function patch(object, names, prefix) {
  if (!object) return;
  for (const name of names) if (typeof object[name] === 'function') object[name] = blocked(`${prefix}.${name}`);
}

const net = require('node:net');
patch(net.Socket.prototype, ['connect'], 'net.Socket.prototype');
patch(net, ['connect', 'createConnection'], 'net');
patch(require('node:tls'), ['connect'], 'tls');
patch(require('node:http'), ['request', 'get'], 'http');
patch(require('node:https'), ['request', 'get'], 'https');
patch(require('node:http2'), ['connect'], 'http2');
patch(require('node:dgram').Socket.prototype, ['send', 'connect'], 'dgram.Socket.prototype');

const dns = require('node:dns');
const DNS_CALLS = ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCaa', 'resolveCname', 'resolveMx', 'resolveNaptr', 'resolveNs', 'resolvePtr', 'resolveSoa', 'resolveSrv', 'resolveTxt', 'reverse'];
patch(dns, DNS_CALLS, 'dns');
patch(dns.promises, DNS_CALLS, 'dns.promises');
patch(dns.Resolver && dns.Resolver.prototype, DNS_CALLS, 'dns.Resolver.prototype');
patch(dns.promises.Resolver && dns.promises.Resolver.prototype, DNS_CALLS, 'dns.promises.Resolver.prototype');

// Another program can reach the network for us; claimlint has no reason to start one.
patch(require('node:child_process'), ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'], 'child_process');

if (typeof globalThis.fetch === 'function') globalThis.fetch = blocked('fetch');
for (const name of ['WebSocket', 'EventSource']) {
  if (typeof globalThis[name] === 'function') {
    const block = blocked(name);
    globalThis[name] = function BlockedConstructor(...args) {
      return block(...args);
    };
  }
}

let undici;
try {
  undici = require('undici');
} catch {
  undici = undefined; // not installed: Node's built-in fetch (patched above) is the only undici
}
if (undici) {
  patch(undici, ['fetch', 'request', 'stream', 'pipeline', 'connect', 'upgrade'], 'undici');
  for (const name of ['Client', 'Pool', 'Agent', 'WebSocket']) {
    if (typeof undici[name] === 'function') {
      const block = blocked(`undici.${name}`);
      undici[name] = function BlockedConstructor(...args) {
        return block(...args);
      };
    }
  }
}

// ES modules import built-ins by name: make them see the patched functions too.
require('node:module').syncBuiltinESMExports();
record({ event: 'loaded', argv: process.argv.slice(1) });
