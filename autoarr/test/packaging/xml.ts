// A strict reader for the small XML files we ship (the Unraid template): one root, every tag closed in order,
// attributes quoted and unique, only the five named entities and numeric ones. Anything else throws with the offset.
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NAME = /^[A-Za-z_][\w.-]*/;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(raw: string, at: number): string {
  if (/[<]/.test(raw)) throw new Error(`"<" inside text or an attribute at ${at}`);
  return raw.replace(/&([^;\s]*);?/g, (m, name: string) => {
    if (!m.endsWith(';')) throw new Error(`an "&" without ";" at ${at}`);
    if (name in ENTITIES) return ENTITIES[name]!;
    const num = /^#(x[0-9a-f]+|\d+)$/i.exec(name);
    if (num) return String.fromCodePoint(parseInt(num[1]!.replace(/^x/i, ''), /^x/i.test(num[1]!) ? 16 : 10));
    throw new Error(`unknown entity &${name}; at ${at}`);
  });
}

export function parseXml(text: string): XmlElement {
  let i = 0;
  const skip = () => {
    for (;;) {
      const ws = /^\s*/.exec(text.slice(i))![0].length;
      i += ws;
      if (text.startsWith('<!--', i)) {
        const end = text.indexOf('-->', i);
        if (end < 0) throw new Error(`unclosed comment at ${i}`);
        i = end + 3;
      } else if (text.startsWith('<?', i)) {
        const end = text.indexOf('?>', i);
        if (end < 0) throw new Error(`unclosed declaration at ${i}`);
        i = end + 2;
      } else return;
    }
  };
  const element = (): XmlElement => {
    if (text[i] !== '<') throw new Error(`expected "<" at ${i}`);
    i++;
    const name = NAME.exec(text.slice(i))?.[0];
    if (!name) throw new Error(`expected a tag name at ${i}`);
    i += name.length;
    const el: XmlElement = { name, attrs: {}, children: [], text: '' };
    for (;;) {
      const ws = /^\s*/.exec(text.slice(i))![0].length;
      i += ws;
      if (text.startsWith('/>', i)) return ((i += 2), el);
      if (text[i] === '>') break;
      if (!ws) throw new Error(`expected a space before an attribute at ${i}`);
      const m = /^([A-Za-z_][\w.-]*)="([^"]*)"/.exec(text.slice(i));
      if (!m) throw new Error(`expected name="value" at ${i}`);
      if (m[1]! in el.attrs) throw new Error(`attribute ${m[1]} twice at ${i}`);
      el.attrs[m[1]!] = decode(m[2]!, i);
      i += m[0].length;
    }
    i++;
    for (;;) {
      const next = text.indexOf('<', i);
      if (next < 0) throw new Error(`<${name}> is never closed`);
      el.text += decode(text.slice(i, next), i);
      i = next;
      if (text.startsWith('<!--', i)) {
        const end = text.indexOf('-->', i);
        if (end < 0) throw new Error(`unclosed comment at ${i}`);
        i = end + 3;
      } else if (text.startsWith('</', i)) {
        const close = `</${name}>`;
        if (!text.startsWith(close, i)) throw new Error(`expected ${close} at ${i}`);
        i += close.length;
        el.text = el.text.trim();
        return el;
      } else el.children.push(element());
    }
  };
  skip();
  const root = element();
  skip();
  if (i !== text.length) throw new Error(`content after the root element at ${i}`);
  return root;
}
