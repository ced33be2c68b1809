import { luhnValid } from '../../../src-shared/security/pan';
import type { Rng } from './random';

/**
 * The demo shop's catalogue: products of several types with made-up vendors,
 * variants (colour × size and the like) with unique SKUs and EAN-13 barcodes,
 * prices and unit costs, and a popularity curve so a few products are best
 * sellers and most sell now and then.
 */

interface Item {
  name: string;
  /** Price range in cents. */
  price: [number, number];
  grams: number;
  axes: Axis[];
}

type Axis = 'color' | 'size' | 'shoe' | 'ml' | 'cable' | 'bed' | 'scent' | 'finish';

interface ProductType {
  type: string;
  code: string;
  share: number;
  vendors: string[];
  items: Item[];
}

const i = (name: string, lo: number, hi: number, grams: number, ...axes: Axis[]): Item => ({ name, price: [lo, hi], grams, axes });

export const PRODUCT_TYPES: ProductType[] = [
  {
    type: 'apparel',
    code: 'APP',
    share: 0.34,
    vendors: ['Northwind Apparel', 'Fieldhouse', 'Tidewater Co.', 'Loom & Thread', 'Kestrel Outdoor'],
    items: [
      i('Crew Neck Tee', 1800, 3800, 180, 'color', 'size'),
      i('Merino Sweater', 7900, 13900, 380, 'color', 'size'),
      i('Linen Shirt', 5400, 8900, 240, 'color', 'size'),
      i('Oxford Shirt', 4900, 7900, 260, 'color', 'size'),
      i('Chino Trousers', 5900, 8900, 480, 'color', 'size'),
      i('Puffer Jacket', 12900, 22900, 720, 'color', 'size'),
      i('Hooded Sweatshirt', 4900, 7900, 560, 'color', 'size'),
      i('Rain Shell', 9900, 16900, 420, 'color', 'size'),
      i('Denim Jacket', 8900, 12900, 820, 'color', 'size'),
      i('Wrap Dress', 6900, 11900, 340, 'color', 'size'),
      i('Running Shorts', 2900, 4500, 140, 'color', 'size'),
      i('Flannel Pyjama Set', 4900, 6900, 450, 'color', 'size'),
      i('Wool Overcoat', 19900, 32900, 1400, 'color', 'size'),
      i('Polo Shirt', 3400, 5400, 230, 'color', 'size'),
    ],
  },
  {
    type: 'footwear',
    code: 'FTW',
    share: 0.14,
    vendors: ['Stride Works', 'Cobbler & Sons', 'Ridgeline Footwear'],
    items: [
      i('Chelsea Boot', 12900, 19900, 1100, 'color', 'shoe'),
      i('Canvas Sneaker', 4900, 7900, 700, 'color', 'shoe'),
      i('Trail Runner', 9900, 14900, 620, 'color', 'shoe'),
      i('Suede Loafer', 8900, 13900, 680, 'color', 'shoe'),
      i('Wool Slipper', 3900, 5900, 300, 'color', 'shoe'),
      i('Leather Sandal', 5900, 8900, 450, 'color', 'shoe'),
      i('Hiking Boot', 13900, 21900, 1300, 'color', 'shoe'),
    ],
  },
  {
    type: 'accessories',
    code: 'ACC',
    share: 0.16,
    vendors: ['Carry Goods', 'Atlas Leather', 'Fairweather'],
    items: [
      i('Leather Card Holder', 2900, 4900, 60, 'color'),
      i('Wool Beanie', 1900, 3400, 90, 'color'),
      i('Canvas Tote Bag', 2400, 3900, 280, 'color'),
      i('Silk Scarf', 4900, 8900, 80, 'color'),
      i('Polarised Sunglasses', 5900, 12900, 40, 'color'),
      i('Leather Belt', 3900, 6900, 210, 'color', 'size'),
      i('Rolltop Backpack', 8900, 14900, 900, 'color'),
      i('Cashmere Gloves', 4900, 7900, 110, 'color', 'size'),
      i('Weekender Duffel', 11900, 18900, 1200, 'color'),
      i('Travel Wallet', 3400, 5400, 120, 'color'),
    ],
  },
  {
    type: 'home',
    code: 'HOM',
    share: 0.16,
    vendors: ['Hearth & Home', 'Stoneware Studio', 'Linen Room'],
    items: [
      i('Pour-Over Coffee Set', 3900, 6900, 900, 'finish'),
      i('Linen Duvet Cover', 9900, 17900, 1300, 'color', 'bed'),
      i('Soy Candle', 1800, 3600, 380, 'scent'),
      i('Stoneware Mug', 1400, 2400, 420, 'color'),
      i('Waffle Bath Towel', 2400, 3900, 600, 'color'),
      i('Wool Throw', 7900, 12900, 1100, 'color'),
      i('Ceramic Planter', 2900, 5900, 1500, 'finish'),
      i('Reed Diffuser', 2400, 3900, 350, 'scent'),
      i('Cast Iron Skillet', 4900, 7900, 2600, 'finish'),
      i('Cotton Napkin Set', 2200, 3400, 300, 'color'),
    ],
  },
  {
    type: 'beauty',
    code: 'BTY',
    share: 0.1,
    vendors: ['Botanica Labs', 'Pure Ritual', 'Saltwater Apothecary'],
    items: [
      i('Hydrating Face Serum', 2900, 5900, 90, 'ml'),
      i('Vitamin C Moisturiser', 2400, 4900, 110, 'ml'),
      i('Clay Face Mask', 1900, 3400, 140, 'ml'),
      i('Tinted Lip Balm', 900, 1600, 20, 'scent'),
      i('Shampoo Bar', 1200, 1800, 90, 'scent'),
      i('Body Oil', 2400, 4400, 160, 'ml'),
      i('Hand Cream', 1400, 2400, 90, 'scent'),
    ],
  },
  {
    type: 'electronics',
    code: 'ELC',
    share: 0.1,
    vendors: ['Voltcraft Audio', 'Pixel Peak', 'Lumen Labs'],
    items: [
      i('Wireless Earbuds', 7900, 14900, 60, 'color'),
      i('USB-C Charging Cable', 1400, 2400, 50, 'cable'),
      i('Bluetooth Speaker', 5900, 12900, 540, 'color'),
      i('Power Bank 10000mAh', 3400, 5400, 230, 'color'),
      i('Smart Plug', 1900, 2900, 110, 'finish'),
      i('Desk Lamp', 4900, 8900, 1300, 'finish'),
      i('Over-Ear Headphones', 12900, 24900, 290, 'color'),
      i('Wireless Charger', 2900, 4900, 180, 'color'),
    ],
  },
];

const DESCRIPTORS = `Classic Everyday Heritage Alpine Coastal Nordic Urban Studio Field Harbor Summit Meadow Essential Weekend
Voyager Horizon Canyon Cedar Driftwood Ember Glacier Juniper Lowland Marlow Oakridge Pioneer Quarry Riverstone Saltmarsh
Timber Upland Willow Atlas Beacon Cascade Dune Fjord Granite Highline Island`.split(/\s+/);

const COLORS: [string, string][] = [
  ['Black', 'BLK'],
  ['Navy', 'NVY'],
  ['Heather Grey', 'GRY'],
  ['Olive', 'OLV'],
  ['Oat', 'OAT'],
  ['Rust', 'RST'],
  ['White', 'WHT'],
  ['Forest', 'FOR'],
  ['Sand', 'SND'],
  ['Burgundy', 'BUR'],
  ['Sky', 'SKY'],
  ['Charcoal', 'CHR'],
];

/** Variant options per axis, each with a code for the SKU and a sales weight (M and L sell most). */
const AXES: Record<Axis, [string, string, number][]> = {
  color: [],
  size: [
    ['XS', 'XS', 0.45],
    ['S', 'S', 1],
    ['M', 'M', 1.6],
    ['L', 'L', 1.5],
    ['XL', 'XL', 0.9],
    ['XXL', 'XXL', 0.35],
  ],
  shoe: ['6', '7', '8', '9', '10', '11', '12'].map((s, k) => [`US ${s}`, s.padStart(2, '0'), [0.4, 0.8, 1.2, 1.5, 1.4, 0.9, 0.45][k] as number]),
  ml: [
    ['30 ml', '30', 1.4],
    ['50 ml', '50', 1],
    ['100 ml', '100', 0.5],
  ],
  cable: [
    ['1 m', '1M', 1.3],
    ['2 m', '2M', 1],
  ],
  bed: [
    ['Single', 'SGL', 0.6],
    ['Double', 'DBL', 1.2],
    ['King', 'KNG', 1],
  ],
  scent: [
    ['Fig', 'FIG', 1],
    ['Cedar & Sage', 'CDR', 1],
    ['Sea Salt', 'SEA', 1],
    ['Amber', 'AMB', 0.8],
    ['Unscented', 'UNS', 0.7],
  ],
  finish: [
    ['Matte Black', 'MBK', 1],
    ['Natural', 'NAT', 1],
    ['Speckled', 'SPK', 0.8],
  ],
};

const PRODUCT_TAGS = ['new-arrival', 'bestseller', 'organic', 'gift-idea', 'sustainable', 'limited-edition'];

export interface CatalogProduct {
  id: number;
  title: string;
  productType: string;
  vendor: string;
  tags: string;
  finalSale: boolean;
}

export interface CatalogVariant {
  id: number;
  productId: number;
  productTitle: string;
  productType: string;
  title: string;
  sku: string;
  barcode: string;
  priceMinor: number;
  unitCostMinor: number;
  grams: number;
  /** Relative sales weight: product popularity × option popularity. */
  popularity: number;
}

export interface Catalog {
  products: CatalogProduct[];
  variants: CatalogVariant[];
}

/** EAN-13 check digit for the first 12 digits: weights 1,3,1,3… from the left. */
export function ean13CheckDigit(first12: string): number {
  let sum = 0;
  for (let k = 0; k < 12; k++) sum += (first12.charCodeAt(k) - 48) * (k % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10;
}

export function isValidEan13(code: string): boolean {
  return /^\d{13}$/.test(code) && ean13CheckDigit(code.slice(0, 12)) === code.charCodeAt(12) - 48;
}

/**
 * Barcodes in the GS1 "2" prefix range (restricted circulation: in-store numbers
 * that can never collide with a real product's GTIN). The sequence is scrambled
 * by an odd multiplier (a bijection mod 10^11) so codes look varied yet stay
 * unique. A code that happens to pass the Luhn check is skipped: the PAN scrubber
 * would take it for a card number.
 */
function barcodeMaker(seed: number): () => string {
  const MOD = 100_000_000_000n;
  const MULT = 48_271_000_003n; // odd and not a multiple of 5: coprime with 10^11
  let k = BigInt(seed % 1_000_000) * 7919n;
  return () => {
    for (;;) {
      const body = ((k * MULT + 12_345n) % MOD).toString().padStart(11, '0');
      k += 1n;
      const first12 = `2${body}`;
      const code = first12 + String(ean13CheckDigit(first12));
      if (!luhnValid(code)) return code;
    }
  };
}

/** Minor units from cents for the workspace currency (JPY has no minor unit, KWD has three). */
export function centsToMinor(cents: number, minorDigits: number): number {
  if (minorDigits === 2) return cents;
  if (minorDigits === 3) return cents * 10;
  return cents; // ¥4,999 for a $49.99 item: plausible enough for a demo
}

function price(rng: Rng, [lo, hi]: [number, number]): number {
  const dollars = Math.round((lo + rng.next() * (hi - lo)) / 100);
  const ending = rng.pick([1, 1, 1, 5, 0]); // .99, .95 or whole
  return Math.max(500, dollars * 100 - ending);
}

/** Builds exactly `skus` variants across as many products as that takes. */
export function buildCatalog(skus: number, rng: Rng, minorDigits: number, seed: number): Catalog {
  const products: CatalogProduct[] = [];
  const variants: CatalogVariant[] = [];
  const titles = new Set<string>();
  const nextBarcode = barcodeMaker(seed);
  const typeWeights = PRODUCT_TYPES.map((t) => t.share);

  while (variants.length < skus) {
    const pt = PRODUCT_TYPES[rng.weighted(typeWeights)] as ProductType;
    const item = rng.pick(pt.items);
    let title = `${rng.pick(DESCRIPTORS)} ${item.name}`;
    for (let attempt = 0; titles.has(title) && attempt < 6; attempt++) title = `${rng.pick(DESCRIPTORS)} ${item.name}`;
    if (titles.has(title)) title = `${title} ${rng.pick(['II', 'Pro', 'Lite', 'Plus', 'Edition 2', 'Reissue', 'Mk III'])}`;
    if (titles.has(title)) title = `${title} ${products.length + 1}`;
    titles.add(title);

    const id = products.length + 1;
    const finalSale = rng.chance(0.07);
    const tags = [finalSale ? 'final-sale' : null, rng.chance(0.3) ? rng.pick(PRODUCT_TAGS) : null].filter(Boolean).join(',');
    products.push({ id, title, productType: pt.type, vendor: rng.pick(pt.vendors), tags, finalSale });

    // Options: a few colours × the item's other axis.
    let options: [string, string, number][] = [['', '', 1]];
    for (const axis of item.axes) {
      const values =
        axis === 'color'
          ? rng
              .shuffle([...COLORS])
              .slice(0, rng.range(1, 4))
              .map(([name, code]) => [name, code, 0.6 + rng.next()] as [string, string, number])
          : AXES[axis];
      const next: [string, string, number][] = [];
      for (const [t, code, w] of options) {
        for (const [vt, vc, vw] of values) next.push([t ? `${t} / ${vt}` : vt, code ? `${code}-${vc}` : vc, w * vw]);
      }
      options = next;
    }

    const productPrice = price(rng, item.price);
    const productNo = String(id).padStart(5, '0');
    const remaining = skus - variants.length;
    for (const [vt, code, w] of options.slice(0, remaining)) {
      // Larger sizes of bedding and bottles cost more; clothing sizes cost the same.
      const bump = vt.includes('King') || vt.includes('100 ml') ? 1.35 : vt.includes('Double') || vt.includes('50 ml') || vt.includes('2 m') ? 1.15 : 1;
      const p = centsToMinor(bump === 1 ? productPrice : Math.round((productPrice * bump) / 100) * 100 - 1, minorDigits);
      const cost = Math.max(1, Math.floor(p * (0.32 + rng.next() * 0.3)));
      variants.push({
        id: variants.length + 1,
        productId: id,
        productTitle: title,
        productType: pt.type,
        title: vt || 'Default',
        sku: code ? `${pt.code}-${productNo}-${code}` : `${pt.code}-${productNo}`,
        barcode: nextBarcode(),
        priceMinor: p,
        unitCostMinor: cost,
        grams: item.grams,
        popularity: w,
      });
    }
  }

  // Product popularity: a random rank order with a long tail (a few best sellers).
  const rank = rng.shuffle(products.map((_, k) => k));
  const productWeight = new Float64Array(products.length);
  rank.forEach((p, r) => (productWeight[p] = 1 / Math.pow(r + 4, 1.05)));
  for (const v of variants) v.popularity *= productWeight[v.productId - 1] as number;
  return { products, variants };
}
