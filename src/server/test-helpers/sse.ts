/** Reads server-sent events from a fetch response until the stream ends or `stopAfter` says so. */

export interface ServerSentEvent {
  readonly event: string;
  readonly data: string;
}

export async function readEvents(
  response: Response,
  stopAfter: (event: ServerSentEvent, all: readonly ServerSentEvent[]) => boolean = () => false,
  onComment: (comment: string) => void = () => {},
): Promise<ServerSentEvent[]> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const events: ServerSentEvent[] = [];
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return events;
    buffer += value;
    let end = buffer.indexOf("\n\n");
    while (end >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      end = buffer.indexOf("\n\n");
      let event = "message";
      const data: string[] = [];
      for (const line of block.split("\n")) {
        if (line.startsWith(":")) onComment(line.slice(1).trim());
        else if (line.startsWith("event: ")) event = line.slice(7);
        else if (line.startsWith("data: ")) data.push(line.slice(6));
      }
      if (data.length === 0) continue;
      const parsed = { event, data: data.join("\n") };
      events.push(parsed);
      if (stopAfter(parsed, events)) {
        await reader.cancel();
        return events;
      }
    }
  }
}
