// The virtual scanner's mDNS responder: answers _uscan._tcp PTR queries with PTR + SRV + TXT + A, like an MFP.
// Tests run it on the loopback interface and a private port, so they neither see nor disturb real devices.
import mdns from 'multicast-dns';

export interface Advertisement {
  stop(): Promise<void>;
}

export async function advertiseEscl(o: {
  interfaceAddress: string;
  mdnsPort: number;
  name: string;
  port: number;
  txt: Record<string, string>;
  service?: '_uscan._tcp.local' | '_uscans._tcp.local';
}): Promise<Advertisement> {
  const service = o.service ?? '_uscan._tcp.local';
  const instance = `${o.name}.${service}`;
  const host = 'virtuele-scanner.local';
  const responder = mdns({ interface: o.interfaceAddress, bind: '0.0.0.0', port: o.mdnsPort });
  responder.on('warning', () => undefined);
  responder.on('query', (q) => {
    const asks = (name: string, type: string) =>
      q.questions.some((x) => x.name.toLowerCase() === name.toLowerCase() && (x.type === type || (x.type as string) === 'ANY'));
    const srv = { name: instance, type: 'SRV' as const, ttl: 120, data: { target: host, port: o.port, priority: 0, weight: 0 } };
    const txt = { name: instance, type: 'TXT' as const, ttl: 120, data: Object.entries(o.txt).map(([k, v]) => `${k}=${v}`) };
    const a = { name: host, type: 'A' as const, ttl: 120, data: o.interfaceAddress };
    if (asks(service, 'PTR')) {
      responder.respond({ answers: [{ name: service, type: 'PTR', ttl: 120, data: instance }], additionals: [srv, txt, a] });
    } else if (asks(instance, 'SRV') || asks(instance, 'TXT') || asks(host, 'A')) {
      responder.respond({ answers: [srv, txt, a] });
    }
  });
  await new Promise<void>((resolve) => responder.once('ready', () => resolve()));
  return { stop: () => new Promise<void>((resolve) => responder.destroy(() => resolve())) };
}
