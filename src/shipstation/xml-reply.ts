// Small XML bodies (errors, acknowledgements) built with xmlbuilder2; speed does not matter here.

import { create } from 'xmlbuilder2'
import { removeIllegalXmlChars } from './xml-text.js'

// Texts here echo what the caller sent (a query value such as `start_date=%01`); xmlbuilder2 writes any
// character as it is, and System.Xml refuses to load a document holding one XML 1.0 cannot carry.
const text = removeIllegalXmlChars

/** `<Error><Code/><Message/><Parameter/></Error>` */
export function errorXml(code: string, message: string, parameter?: string, extra?: Record<string, string>): string {
  const doc = create({ version: '1.0', encoding: 'utf-8' }).ele('Error')
  doc.ele('Code').txt(text(code))
  doc.ele('Message').txt(text(message))
  if (parameter) doc.ele('Parameter').txt(text(parameter))
  for (const [k, v] of Object.entries(extra ?? {})) doc.ele(k).txt(text(v))
  return doc.end({ prettyPrint: false })
}

/** A small element with text children, e.g. the shipnotify acknowledgement. */
export function simpleXml(root: string, children: Record<string, string>): string {
  const doc = create({ version: '1.0', encoding: 'utf-8' }).ele(root)
  for (const [k, v] of Object.entries(children)) doc.ele(k).txt(text(v))
  return doc.end({ prettyPrint: false })
}
