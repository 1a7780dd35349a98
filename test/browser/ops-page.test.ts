// The /ops page in a real headless Chromium (Debian's package, driven by playwright-core), JavaScript off.

import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type BrowserContext, chromium, type Locator, type Page } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import { makeApp, OPS_PASS, OPS_USER, type TestApp } from '../helpers/app.js'
import { noticeText, postNotice } from '../helpers/notices.js'
import { makeOrder } from '../helpers/orders.js'

const CHROMIUM = '/usr/bin/chromium'
// The README's screenshot is refreshed on request (UPDATE_SCREENSHOT=1), so a plain test run leaves the tree clean.
const SCREENSHOT =
  process.env.UPDATE_SCREENSHOT === '1'
    ? fileURLToPath(new URL('../../docs/ops.png', import.meta.url))
    : join(tmpdir(), `sophio-ops-${process.pid}.png`)
// A look at the narrow layout, for people (the test asserts on it; the picture is not kept unless asked).
const NARROW_SCREENSHOT = join(tmpdir(), `sophio-ops-400-${process.pid}.png`)
const DEMO = fileURLToPath(new URL('../../fixtures/orders/demo-orders.ndjson', import.meta.url))

let context: BrowserContext | undefined
const dirs: string[] = []
afterEach(async () => {
  await context?.close()
  context = undefined
  while (dirs.length > 0) rmSync(dirs.pop() as string, { recursive: true, force: true })
})

/** A label without Items: ShipStation shipped the whole order. */
function notice(orderNumber: string, carrier: string, service: string, tracking: string): string {
  return `<?xml version="1.0" encoding="utf-8"?><ShipNotice><OrderNumber>${orderNumber}</OrderNumber>
<Carrier>${carrier}</Carrier><Service>${service}</Service><TrackingNumber>${tracking}</TrackingNumber>
<ShipDate>11/21/2026</ShipDate><ShippingCost>8.45</ShippingCost></ShipNotice>`
}

/** The demo orders, one with a code the map lacks, three shipped, notices waiting, one rejected, one flagged. */
async function store(): Promise<TestApp> {
  const t = await makeApp()
  for (const line of readFileSync(DEMO, 'utf8').split('\n').filter(Boolean)) {
    expect((await t.app.services.ingest(JSON.parse(line), 'import')).ok).toBe(true)
  }
  const odd = makeOrder(13, { orderNumber: 'DEMO-13', orderKey: 'demo-13', sophioStatus: 'X' })
  expect((await t.app.services.ingest(odd, 'import')).ok).toBe(true)
  const posts = [
    postNotice(t, notice('DEMO-1', 'UPS', 'UPS Ground', '1Z999AA10123456784')),
    postNotice(t, notice('DEMO-2', 'USPS', 'Priority Mail', '9400111899223197428490')),
    postNotice(t, notice('DEMO-6', 'FedEx', 'FedEx Home Delivery', '781234567890')),
    postNotice(t, notice('DEMO-40', 'UPS', 'UPS 2nd Day Air', '1Z999AA10123456791')),
    postNotice(t, noticeText('unknown-order.xml'), { query: 'order_number=T77' }),
    postNotice(t, noticeText('malformed.xml')),
    // A package with an item DEMO-3 does not have: applied, flagged — a person decides.
    postNotice(
      t,
      notice('DEMO-3', 'UPS', 'UPS Ground', '1Z999AA10123456800').replace(
        '</ShipNotice>',
        '<Items><Item><SKU>NOT-ORDERED-1</SKU><Name>Wiper blade</Name><Quantity>1</Quantity></Item></Items></ShipNotice>',
      ),
    ),
  ]
  expect((await Promise.all(posts)).map((r) => r.statusCode)).toEqual([200, 200, 200, 404, 404, 400, 200])
  // DEMO-12 was renumbered DEMO-40 outside the connector: the waiting notice needs an operator's re-apply.
  t.db.prepare("UPDATE orders SET order_number = 'DEMO-40' WHERE order_key = 'demo-12'").run()
  // So was DEMO-11 to T77, which a notice waits for.
  t.db.prepare("UPDATE orders SET order_number = 'T77' WHERE order_key = 'demo-11'").run()
  return t
}

/** Where an element is, against the window: every edge inside it means it is seen without scrolling. */
async function placement(page: Page, selector: string) {
  const box = await page.locator(selector).boundingBox()
  const view = page.viewportSize()
  if (!box || !view) throw new Error(`${selector} is not laid out`)
  return {
    left: box.x >= 0,
    top: box.y >= 0,
    right: box.x + box.width <= view.width,
    bottom: box.y + box.height <= view.height,
  }
}
const SEEN = { left: true, top: true, right: true, bottom: true }

/** The page's width against the window's: wider means the whole page scrolls sideways. */
function widths(page: Page): Promise<{ scrollWidth: number; innerWidth: number }> {
  return page.evaluate(() => {
    const g = globalThis as any
    return { scrollWidth: g.document.documentElement.scrollWidth as number, innerWidth: g.innerWidth as number }
  })
}

/** The text as the operator sees it, after CSS (what innerText is for, unlike textContent). */
function seen(locator: Locator): Promise<string> {
  return locator.innerText()
}

async function browser(viewport = { width: 1280, height: 800 }): Promise<BrowserContext> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: the browser test needs Debian's chromium package ` +
        '(apt-get update && apt-get install -y --no-install-recommends chromium; .ci/run installs it)',
    )
  }
  const profile = mkdtempSync(join(tmpdir(), 'sophio-ss-chromium-'))
  dirs.push(profile)
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    httpCredentials: { username: OPS_USER, password: OPS_PASS },
    // The page must work without scripts: there are none, and they are off here to prove it.
    javaScriptEnabled: false,
    viewport,
    deviceScaleFactor: 1,
  })
  return context
}

describe('/ops in Chromium', () => {
  it('logs in, shows the map, finds an order, re-applies a waiting notice; saves docs/ops.png', async () => {
    const t = await store()
    const base = await t.app.listen({ host: '127.0.0.1', port: 0 })
    const page = await (await browser()).newPage()

    const res = await page.goto(`${base}/ops`)
    expect(res?.status()).toBe(200)
    await expect(page.title()).resolves.toBe('sophio-shipstation — operations')
    // The map: counts per code and per ShipStation status; the unmapped code is highlighted.
    expect(await page.locator('#by-code tr[data-code="P"] td').allInnerTexts()).toEqual([
      'P',
      'Awaiting Shipment',
      'paid',
      '7',
    ])
    const unmapped = page.locator('#by-code tr[data-code="X"]')
    expect(await unmapped.getAttribute('class')).toBe('problem')
    expect(await seen(unmapped.locator('td').nth(1))).toBe('NOT MAPPED — ShipStation skips these')
    const red = await unmapped
      .locator('td')
      .first()
      .evaluate((el) => (globalThis as any).getComputedStyle(el).backgroundColor)
    expect(red).toBe('rgb(255, 235, 233)')
    expect(await page.locator('#by-status tbody tr').nth(1).locator('td').allInnerTexts()).toEqual([
      'Awaiting Shipment',
      'Paid Status',
      'paid',
      'P K W',
      '7',
    ])

    // Search by order number (a plain GET form).
    await page.fill('#q', 'DEMO-1')
    await page.click('form.search button')
    await page.waitForURL(/\/ops\?order=DEMO-1#order$/)
    expect(await seen(page.locator('#order-detail h3').first())).toBe('Order DEMO-1 (id 1, key demo-1)')
    expect(await seen(page.locator('#order-detail'))).toContain('1Z999AA10123456784')

    // Re-apply the notice waiting for DEMO-40 (the browser sends its own Origin and Sec-Fetch-Site).
    const waiting = (await t.app.services.notices.list(10, 'unmatched')).find((n) => n.orderNumber === 'DEMO-40')
    expect(waiting).toBeDefined()
    await page.goto(`${base}/ops`)
    await page.click(`#attention tr[data-notice="${waiting?.id}"] button`)
    await page.waitForURL(new RegExp(`/ops\\?reapplied=${waiting?.id}&r=1#attention$`))
    expect(await seen(page.locator('#attention #flash'))).toMatch(new RegExp(`^Notice #${waiting?.id} is now applied`))
    // The result is where the eye is: on screen without scrolling.
    expect(await placement(page, '#flash')).toEqual(SEEN)
    expect(await t.app.services.notices.get(waiting?.id as number)).toMatchObject({
      outcome: 'applied',
      resolvedBy: 'operator',
    })
    expect(await page.locator(`#attention tr[data-notice="${waiting?.id}"]`).count()).toBe(0)

    await page.goto(`${base}/ops?order=DEMO-1#order`)
    // On a desktop every table fits: none hides columns behind its own scroll bar.
    const hidden = await page.evaluate(() =>
      [...(globalThis as any).document.querySelectorAll('.scroll')]
        .filter((el: any) => el.scrollWidth > el.clientWidth + 1)
        .map((el: any) => el.querySelector('table')?.id || el.closest('section')?.id),
    )
    expect(hidden).toEqual([])
    await page.screenshot({ path: SCREENSHOT, fullPage: true })
    expect(readFileSync(SCREENSHOT).subarray(1, 4).toString()).toBe('PNG')
    if (process.env.UPDATE_SCREENSHOT !== '1') rmSync(SCREENSHOT, { force: true })
  }, 60_000)

  it('at 400 px: no page scrolls sideways, a re-apply from an order shows its result on screen, the list filters', async () => {
    const t = await store()
    const base = await t.app.listen({ host: '127.0.0.1', port: 0 })
    const page = await (await browser({ width: 400, height: 800 })).newPage()

    for (const path of ['/ops', '/ops?order=DEMO-1#order', '/ops?attention=unmatched#attention', '/ops/orders']) {
      expect((await page.goto(`${base}${path}`))?.status()).toBe(200)
      const w = await widths(page)
      expect([path, w.scrollWidth <= w.innerWidth + 1]).toEqual([path, true])
    }

    // The notice waiting for T77, re-applied from the order's own detail: back to #order, the result in view.
    await page.goto(`${base}/ops?order=T77#order`)
    await page.click('#order-detail form.inline button')
    await page.waitForURL(/\/ops\?order=T77&reapplied=\d+&r=1#order$/)
    expect(await seen(page.locator('#order #flash'))).toMatch(/^Notice #\d+ is now applied/)
    expect(await placement(page, '#flash')).toEqual(SEEN)
    await page.screenshot({ path: NARROW_SCREENSHOT })

    // The order list's form is a plain GET: "not mapped" finds DEMO-13, its status in red.
    await page.goto(`${base}/ops/orders`)
    await page.selectOption('#order-filter select[name="status"]', 'unmapped')
    await page.click('#order-filter button')
    await page.waitForURL(/\/ops\/orders\?.*status=unmapped/)
    expect(await page.locator('#order-list tbody tr').allInnerTexts()).toEqual([expect.stringMatching(/^DEMO-13\s+X\s+not mapped\s/)])
    const red = await page
      .locator('#order-list .b-unmapped')
      .evaluate((el) => (globalThis as any).getComputedStyle(el).color)
    expect(red).toBe('rgb(207, 34, 46)')
    const w = await widths(page)
    expect(w.scrollWidth).toBeLessThanOrEqual(w.innerWidth + 1)
    if (process.env.KEEP_SCREENSHOTS !== '1') rmSync(NARROW_SCREENSHOT, { force: true })
  }, 60_000)

  it('without credentials the browser gets nothing but a refusal', async () => {
    const t = await store()
    const base = await t.app.listen({ host: '127.0.0.1', port: 0 })
    const anonymous = await fetch(`${base}/ops`)
    expect(anonymous.status).toBe(401)
    expect(await anonymous.text()).not.toContain('DEMO-1')
  })
})
