// Pairs a device with the running shop's server (`make run`): prints a
// one-time link and its QR code, in the terminal and as an image file. Opening
// the link on a tablet (or scanning the code) makes it that device.
//
//   node scripts/pair.mjs kiosk|desk [--letter B] [--data data]
//
// A kiosk gets the next free ticket letter unless --letter is given. The link
// can be used once, within the hour. The owner's token that lets this command
// make a pairing is read from the data folder's shop.json, which the shop's
// server writes on its first start.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { join, resolve } from 'node:path';
import QRCode from 'qrcode';
import { ROOT, isMain, runMain } from './build-facts.mjs';

/**
 * POSTs `body` to this computer's own shop's server. Over https its
 * certificate is not checked: the request goes to the loopback interface,
 * whose certificate names the address tablets use, not 127.0.0.1.
 */
function post(url, headers, body) {
  return new Promise((done, reject) => {
    const send = url.startsWith('https:') ? httpsRequest : httpRequest;
    const req = send(url, { method: 'POST', headers, rejectUnauthorized: false, timeout: 15_000 }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => done({ status: res.statusCode ?? 0, text }));
    });
    req.on('timeout', () => req.destroy(new Error('no answer within 15 s')));
    req.on('error', reject);
    req.end(body);
  });
}

function fail(message) {
  console.error(`make pair: ${message}`);
  process.exit(1);
}

async function main() {
  const args = process.argv.slice(2);
  const option = (name) => {
    const at = args.indexOf(name);
    return at >= 0 ? args[at + 1] ?? '' : undefined;
  };
  const role = args[0];
  if (role !== 'kiosk' && role !== 'desk') fail('say which device: make pair ROLE=kiosk or make pair ROLE=desk');
  const letter = option('--letter') || undefined;
  if (letter && role !== 'kiosk') fail('LETTER= is for a kiosk (its ticket letter); a desk gets the next number');
  const data = resolve(option('--data') || join(ROOT, 'data'));
  const file = join(data, 'shop.json');
  if (!existsSync(file)) fail(`there is no ${file}: start the shop's server first (make run), then pair from another terminal`);
  const shop = JSON.parse(readFileSync(file, 'utf8'));
  const listen = shop.listen ?? { host: '127.0.0.1', port: 8080 };
  const host = listen.host === '0.0.0.0' || listen.host === '::' ? '127.0.0.1' : listen.host;
  const server = `${listen.tls ? 'https' : 'http'}://${host}:${listen.port}`;
  let res;
  try {
    res = await post(
      `${server}/api/pairings`,
      { Authorization: `Bearer ${shop.owner_token}`, 'Content-Type': 'application/json' },
      JSON.stringify({ role, letter }),
    );
  } catch (e) {
    fail(`the shop's server does not answer at ${server} (${e.code ?? e.message}): start it with make run, then pair from another terminal`);
  }
  let body = {};
  try {
    body = JSON.parse(res.text);
  } catch {
    // not JSON: said by status below
  }
  if (res.status !== 201) fail(body.reason ?? `the shop's server answered ${res.status}`);

  const image = join(data, `pair-${role}-${String(body.letter ?? body.number).toLowerCase()}.png`);
  // Only this computer's owner may read it: it holds a live link.
  writeFileSync(image, await QRCode.toBuffer(body.link, { errorCorrectionLevel: 'M', margin: 4, width: 480 }), { mode: 0o600 });
  const terminal = await QRCode.toString(body.link, { type: 'terminal', small: true, errorCorrectionLevel: 'M' });
  const until = new Date(body.expires_ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  console.log(`\nPairing ${body.label}. On the ${role === 'kiosk' ? 'tablet' : 'desk computer'}, open this link or scan the code:\n`);
  console.log(`  ${body.link}\n`);
  console.log(terminal);
  console.log(`The same code as an image: ${image} (delete it once the device is paired)`);
  console.log(`The link works once, until ${until}. Keep it private: whoever opens it first becomes ${body.label}.`);
  if (!body.reachable_from_other_devices) {
    console.log(`\nNote: the server listens on ${listen.host} only, which other devices cannot reach.`);
    console.log('Restart it with make run HOST=0.0.0.0 (or set PAIR_ORIGIN to the address tablets use), then pair again.');
  }
}

if (isMain(import.meta.url)) runMain('pair', main);
