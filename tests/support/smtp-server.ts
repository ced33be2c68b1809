import { createServer, type Server, type Socket } from 'node:net';

/**
 * A tiny SMTP server for tests: speaks enough of RFC 5321 for a real client
 * (EHLO, AUTH PLAIN, MAIL, RCPT, DATA with dot-unstuffing, QUIT) and keeps
 * what it received. A wrong password gets 535, as a real server answers.
 */
export interface Received {
  auth: string | null;
  from: string;
  to: string[];
  data: string;
}

export function smtpServer(opts: { password: string }) {
  const received: Received[] = [];
  const server: Server = createServer((sock: Socket) => {
    let buf = '';
    let inData = false;
    let cur: Received = { auth: null, from: '', to: [], data: '' };
    const say = (line: string) => sock.write(`${line}\r\n`);
    say('220 test.smtp ESMTP ready');
    sock.on('data', (chunk) => {
      buf += chunk.toString('utf8');
      for (;;) {
        if (inData) {
          const end = buf.indexOf('\r\n.\r\n');
          if (end < 0) return;
          cur.data = buf.slice(0, end).replace(/^\.\./gm, '.');
          buf = buf.slice(end + 5);
          inData = false;
          received.push(cur);
          cur = { auth: cur.auth, from: '', to: [], data: '' };
          say('250 2.0.0 queued as 42');
          continue;
        }
        const nl = buf.indexOf('\r\n');
        if (nl < 0) return;
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 2);
        const cmd = line.slice(0, 4).toUpperCase();
        if (cmd === 'EHLO') sock.write('250-test.smtp\r\n250-AUTH PLAIN\r\n250 8BITMIME\r\n');
        else if (cmd === 'HELO') say('250 test.smtp');
        else if (cmd === 'AUTH') {
          const [, user, pass] = Buffer.from(line.split(' ')[2] ?? '', 'base64').toString('utf8').split('\0');
          if (pass === opts.password) {
            cur.auth = user ?? null;
            say('235 2.7.0 Authentication successful');
          } else say('535 5.7.8 Authentication credentials invalid');
        } else if (cmd === 'MAIL') {
          cur.from = line.replace(/^MAIL FROM:\s*<?([^>\s]*)>?.*$/i, '$1');
          say('250 OK');
        } else if (cmd === 'RCPT') {
          cur.to.push(line.replace(/^RCPT TO:\s*<?([^>\s]*)>?.*$/i, '$1'));
          say('250 OK');
        } else if (cmd === 'DATA') {
          inData = true;
          say('354 End data with <CR><LF>.<CR><LF>');
        } else if (cmd === 'QUIT') {
          say('221 Bye');
          sock.end();
        } else if (cmd === 'RSET' || cmd === 'NOOP') say('250 OK');
        else say('502 Command not implemented');
      }
    });
    sock.on('error', () => undefined);
  });
  return {
    received,
    listen: () => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

