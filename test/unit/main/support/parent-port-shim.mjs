// Runs a BUILT core entry (.vite/build/utility.js) outside Electron: Electron's `process.parentPort` is stood in for
// by Node's child-process IPC (advanced serialisation = structured clone, as Electron's), then the entry is loaded.
// Like Electron's parent port it holds messages back until someone listens for them.
// Usage: fork(this file, [path to utility.js], { serialization: 'advanced' }).
import { EventEmitter } from 'node:events';
import { pathToFileURL } from 'node:url';

const incoming = new EventEmitter();
const early = [];
process.on('message', (m) => (incoming.listenerCount('message') ? incoming.emit('message', { data: m, ports: [] }) : early.push(m)));
process.parentPort = {
  on(event, listener) {
    incoming.on(event, listener);
    if (event === 'message') setImmediate(() => early.splice(0).forEach((m) => incoming.emit('message', { data: m, ports: [] })));
    return this;
  },
  postMessage: (m) => process.send(m),
};
await import(pathToFileURL(process.argv[2]).href);
