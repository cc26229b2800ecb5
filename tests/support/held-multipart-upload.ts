/**
 * A multipart message (a text `body` and one file) sent over real HTTP without Content-Length, whose file
 * arrives in two parts: `first` at once, `rest` and the end of the body only when `finish` is called. The
 * server sees an upload in progress for as long as the test wants, with no fixed wait.
 */
export function heldMultipartUpload(options: {
  url: URL;
  sessionToken: string;
  text: string;
  filename: string;
  first: Uint8Array;
  rest?: Uint8Array;
}): { answer: Promise<Response>; finish: () => void } {
  const boundary = 'yorozu-held-upload';
  let finish = () => {};
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      controller.enqueue(
        encoder.encode(
          `--${boundary}\r\nContent-Disposition: form-data; name="body"\r\n\r\n${options.text}\r\n--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${options.filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
        ),
      );
      controller.enqueue(options.first);
      await finished;
      if (options.rest) controller.enqueue(options.rest);
      controller.enqueue(encoder.encode(`\r\n--${boundary}--\r\n`));
      controller.close();
    },
  });
  const answer = fetch(options.url, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${options.sessionToken}`,
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    body,
    duplex: 'half',
  } as RequestInit);
  return { answer, finish };
}
