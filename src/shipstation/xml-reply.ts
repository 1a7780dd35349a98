// Small XML bodies (errors, acknowledgements) built with xmlbuilder2; speed does not matter here.

import { create } from 'xmlbuilder2'
import type { NoticeOutcome } from '../domain/shipment.js'
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

/**
 * `<ShipNoticeReceived><Outcome/><NoticeID/></ShipNoticeReceived>`. ShipStation ignores the body; it is
 * rendered once per outcome with xmlbuilder2 (which costs more than the rest of the answer) and the id,
 * digits only, is put in.
 */
const ACK = new Map(
  (['applied', 'duplicate', 'flagged'] as const).map((outcome) => {
    const [head, tail] = simpleXml('ShipNoticeReceived', { Outcome: outcome, NoticeID: '0' }).split('<NoticeID>0<')
    return [outcome, { head: `${head}<NoticeID>`, tail: `<${tail}` }]
  }),
)

export function acknowledgementXml(outcome: NoticeOutcome, id: number): string {
  const ack = ACK.get(outcome as 'applied')
  return ack
    ? `${ack.head}${id}${ack.tail}`
    : simpleXml('ShipNoticeReceived', { Outcome: outcome, NoticeID: String(id) })
}
