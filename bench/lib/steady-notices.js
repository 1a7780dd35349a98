// The notice stream of the latency benches: a new package (own tracking number) for the next order each time.

/** autocannon `requests` posting one small ShipNotice each, for orders B1..B<orders> in turn. */
export function steadyNotices(auth, orders) {
  let n = 0
  const next = () => {
    const id = 1 + (n % orders)
    n++
    return {
      method: 'POST',
      path: `/shipstation?action=shipnotify&order_number=B${id}&carrier=UPS&service=Ground&tracking_number=1ZSCALE${n}`,
      headers: { authorization: auth, 'content-type': 'text/xml' },
      body: `<?xml version="1.0" encoding="utf-8"?><ShipNotice><OrderID>${id}</OrderID><OrderNumber>B${id}</OrderNumber><TrackingNumber>1ZSCALE${n}</TrackingNumber><Carrier>UPS</Carrier><Service>Ground</Service><ShippingCost>9.80</ShippingCost></ShipNotice>`,
    }
  }
  return [{ setupRequest: (req) => ({ ...req, ...next() }) }]
}
