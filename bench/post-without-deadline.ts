import { request } from 'node:http';

/**
 * POST with no deadline on the answer, for a call the bench times however long it takes (the health
 * evaluation job over 10,000 devices). fetch gives up after 300 s without response headers
 * (undici's headersTimeout), which a loaded machine reaches; node:http waits.
 */
export function postWithoutDeadline(url: URL, token: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { authorization: `Bearer ${token}` } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}
