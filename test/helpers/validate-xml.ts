// Test helper: validates a ShipStation export document against fixtures/shipstation-orders.xsd with libxml2 (WASM).
import { readFile } from 'node:fs/promises'
import { memoryPages, validateXML } from 'xmllint-wasm'

const XSD_URL = new URL('../../fixtures/shipstation-orders.xsd', import.meta.url)
const XSD_NAME = 'shipstation-orders.xsd'
const XML_NAME = 'orders.xml'
/** xmllint exit code for "the document is not well-formed" (xmllint-wasm rejects on it; we report it as invalid). */
const XMLLINT_PARSE_ERROR = 1

let schemaPromise: Promise<string> | undefined

function loadSchema(): Promise<string> {
  schemaPromise ??= readFile(XSD_URL, 'utf8')
  return schemaPromise
}

function splitLines(output: string): string[] {
  return output
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line !== '' && !line.endsWith(' fails to validate') && !line.endsWith(' validates'))
}

/**
 * Validates `xml` against the export XSD. Schema violations and well-formedness errors come back as
 * `{ valid: false, errors }` (libxml2's messages, `orders.xml:LINE: ...`); a broken schema or a crash rejects.
 */
export async function validateOrdersXml(xml: string): Promise<{ valid: boolean; errors: string[] }> {
  const schema = await loadSchema()
  try {
    const result = await validateXML({
      xml: [{ fileName: XML_NAME, contents: xml }],
      schema: [{ fileName: XSD_NAME, contents: schema }],
      maxMemoryPages: 256 * memoryPages.MiB,
    })
    if (result.valid) return { valid: true, errors: [] }
    const errors = result.errors.map((e) => e.rawMessage).filter((line) => line.trim() !== '')
    return { valid: false, errors: errors.length > 0 ? errors : splitLines(result.rawOutput) }
  } catch (err) {
    if (err instanceof Error && (err as Error & { code?: unknown }).code === XMLLINT_PARSE_ERROR) {
      const errors = splitLines(err.message)
      return { valid: false, errors: errors.length > 0 ? errors : ['XML is not well-formed'] }
    }
    throw err
  }
}

/** Throws an Error listing libxml2's messages when `xml` does not validate against the export XSD. */
export async function assertValidOrdersXml(xml: string): Promise<void> {
  const { valid, errors } = await validateOrdersXml(xml)
  if (!valid) {
    throw new Error(`Orders XML does not validate against shipstation-orders.xsd:\n  ${errors.join('\n  ')}`)
  }
}

/**
 * Throws unless libxml2 loads `xml` as well-formed XML 1.0 — what System.Xml demands of ShipStation's
 * answers (fast-xml-parser's validator lets NUL and other forbidden characters through). Give the bytes
 * sent: a decoded string can hide what was on the wire.
 */
export async function assertWellFormedXml(xml: Uint8Array): Promise<void> {
  const result = await validateXML({ xml: [{ fileName: XML_NAME, contents: xml }], normalization: 'format' })
  if (!result.valid) throw new Error(`not well-formed XML:\n  ${splitLines(result.rawOutput).join('\n  ')}`)
}
