// Realistic createorder bodies for benchmarks: 1–4 lines, options, notes, a coupon now and then.

const PARTS = [
  ['VIC-OS32372', 'Engine Oil Pan Gasket fits 2007-2011 Toyota Tundra Land Cruiser', 0.37, 7.46],
  ['SNA-3401222', 'Power Steering Pressure Line Hose Assembly fits 2006-2008 Honda Civic', 1.72, 47.46],
  ['DOR-931-861', 'Liftgate Lock Actuator fits 2001-2007 Toyota Sequoia DORMAN', 1.2, 51.37],
  ['MOO-K750011', 'Front Lower Control Arm and Ball Joint Assembly', 6.8, 89.99],
  ['ACD-41-993', 'Iridium Spark Plug (set of 4)', 0.5, 34.2],
  ['BOS-0986AF', 'Fuel Pump Module Assembly with Sending Unit', 3.1, 129.0],
]
const CITIES = [
  ['West Orange', 'NJ', '07052'],
  ['Kentwood', 'MI', '49548-5606'],
  ['Somerville', 'TN', '38068'],
  ['Austin', 'TX', '78701'],
  ['Portland', 'OR', '97205'],
]

/** A valid createorder body, different for each `i`, stable across runs. */
export function orderBody(i, prefix = 'B') {
  const lines = 1 + (i % 4)
  const [city, state, zip] = CITIES[i % CITIES.length]
  const items = []
  for (let l = 0; l < lines; l++) {
    const [sku, name, weight, price] = PARTS[(i + l) % PARTS.length]
    items.push({
      lineItemKey: `${i}-${l + 1}`,
      sku,
      name,
      imageUrl: `https://img.example.com/parts/${sku}.jpg`,
      weight: { value: weight, units: 'pounds' },
      quantity: 1 + ((i + l) % 3),
      unitPrice: price,
      warehouseLocation: `A-${(i + l) % 40}-${l}`,
      options: [{ name: 'fitment', value: `${2000 + (i % 20)} model year` }],
      adjustment: false,
      upc: '',
    })
  }
  if (i % 7 === 0)
    items.push({
      lineItemKey: `${i}-coupon`,
      sku: '',
      name: 'Coupon SAVE5',
      quantity: 1,
      unitPrice: -5,
      adjustment: true,
    })
  return {
    orderNumber: `${prefix}${i}`,
    orderKey: `${prefix.toLowerCase()}-${i}`,
    orderDate: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString().slice(0, 19),
    paymentDate: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString().slice(0, 19),
    orderStatus: 'awaiting_shipment',
    customerEmail: `buyer${i}@example.com`,
    billTo: {
      name: `Buyer ${i}`,
      street1: `${i} Main St`,
      city,
      state,
      postalCode: zip,
      country: 'US',
      phone: '201-555-0100',
    },
    shipTo: {
      name: `Buyer ${i}`,
      street1: `${i} Main St`,
      street2: i % 3 === 0 ? 'Unit 4' : '',
      city,
      state,
      postalCode: zip,
      country: 'US',
      phone: '201-555-0100',
    },
    items,
    taxAmount: 2.5,
    shippingAmount: 9.25,
    customerNotes: i % 5 === 0 ? 'Please leave at the side door & ring twice <thanks>' : '',
    paymentMethod: 'Credit Card',
    requestedShippingService: 'UPS Ground',
    AdvancedOptions: { source: i % 2 === 0 ? 'eBay' : 'web', customField1: `cf-${i}` },
  }
}
