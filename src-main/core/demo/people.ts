import { FIRST_NAMES, GERMAN_SURNAMES, SURNAMES, rankWeights, type Gender } from './names';
import { COUNTRIES, formatPhone, makeAddress, makePhone, phoneKey, type Address, type Phone, type PhoneStyle } from './places';
import { AliasTable, type Rng } from './random';

/**
 * Real people behind the demo customers: one name, one home, one phone, one
 * email each. Customer records (originals and planted duplicates) are written
 * from these; two different people never share an email, and share a phone
 * only when the generator plants a household on purpose.
 */

export interface Person {
  /** 1-based; appears in customer refs (demo-000123). */
  no: number;
  first: string;
  last: string;
  gender: Gender;
  countryIndex: number;
  address: Address;
  phone: Phone | null;
  phoneStyle: PhoneStyle;
  email: string;
  birthDate: string | null;
  /** Index into the name lists, so look-alikes can be drawn from very common names. */
  firstRank: number;
  lastRank: number;
}

const EMAIL_DOMAINS: Record<string, [string, number][]> = {
  US: [['gmail.com', 36], ['yahoo.com', 12], ['outlook.com', 10], ['hotmail.com', 6], ['icloud.com', 10], ['aol.com', 3], ['comcast.net', 3]],
  GB: [['gmail.com', 35], ['hotmail.co.uk', 12], ['outlook.com', 10], ['yahoo.co.uk', 8], ['btinternet.com', 6], ['icloud.com', 8], ['sky.com', 4]],
  DE: [['gmail.com', 25], ['gmx.de', 25], ['web.de', 22], ['t-online.de', 12], ['outlook.de', 6]],
  CA: [['gmail.com', 40], ['hotmail.com', 15], ['outlook.com', 10], ['yahoo.ca', 8], ['icloud.com', 8], ['shaw.ca', 4], ['rogers.com', 4]],
  AU: [['gmail.com', 40], ['hotmail.com', 10], ['outlook.com', 10], ['bigpond.com', 12], ['icloud.com', 10], ['optusnet.com.au', 6]],
};

/** "Müller" → "mueller", "Lucía" → "lucia", "O'Brien" → "obrien": what people type into an email address. */
export function asciiFold(s: string): string {
  return s
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]/g, '');
}

/** The mailbox an address reaches: gmail ignores dots, most providers ignore +tags. Keeps distinct people distinct. */
export function mailboxKey(email: string): string {
  const [local = '', domain = ''] = email.toLowerCase().split('@');
  let l = local.split('+')[0] as string;
  if (domain === 'gmail.com' || domain === 'googlemail.com') l = l.replace(/\./g, '');
  return `${l}@${domain === 'googlemail.com' ? 'gmail.com' : domain}`;
}

export class EmailBook {
  private readonly taken = new Set<string>();

  constructor(private readonly rng: Rng) {}

  has(email: string): boolean {
    return this.taken.has(mailboxKey(email));
  }

  /** Claims an address so no other person gets the same mailbox. */
  claim(email: string): void {
    this.taken.add(mailboxKey(email));
  }

  /** A new, unclaimed address built from the name the way people build them. */
  make(first: string, last: string, countryCode: string, birthYear: number | null, avoidDomain?: string): string {
    const rng = this.rng;
    const f = asciiFold(first) || 'shopper';
    const l = asciiFold(last) || 'customer';
    const domains = (EMAIL_DOMAINS[countryCode] ?? EMAIL_DOMAINS.US) as [string, number][];
    let domain = domains[rng.weighted(domains.map((d) => d[1]))]?.[0] as string;
    if (domain === avoidDomain) domain = domains.find((d) => d[0] !== avoidDomain)?.[0] ?? domain;
    const yy = birthYear !== null ? String(birthYear % 100).padStart(2, '0') : String(rng.range(70, 99));
    const styles = [
      `${f}.${l}`,
      `${f}${l}`,
      `${f[0]}${l}`,
      `${f}_${l}${rng.range(1, 99)}`,
      `${f}${yy}`,
      `${l}.${f}`,
      `${f}.${l}${rng.range(1, 999)}`,
      `${f}${l[0]}${rng.range(1, 9999)}`,
    ];
    let local = styles[rng.weighted([30, 14, 14, 10, 8, 5, 12, 7])] as string;
    let email = `${local}@${domain}`;
    for (let n = 2; this.has(email); n++) {
      local = `${local.replace(/\d+$/, '')}${n <= 9 ? n : rng.range(10, 99999)}`;
      email = `${local}@${domain}`;
    }
    this.claim(email);
    return email;
  }
}

/** Birth date for an adult, ages 18–85, most between 25 and 50. */
export function adultBirthDate(rng: Rng, nowYear: number): string {
  const age = Math.min(85, Math.max(18, Math.round(37 + rng.normal() * 12)));
  return isoDate(nowYear - age, rng.range(1, 12), rng.range(1, 28));
}

export function isoDate(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export class PeopleFactory {
  private readonly firstAlias = new AliasTable(rankWeights(FIRST_NAMES.length, 12));
  private readonly lastAlias = new AliasTable(rankWeights(SURNAMES.length, 8));
  private readonly germanAlias = new AliasTable(rankWeights(GERMAN_SURNAMES.length, 5));
  private readonly countryWeights = COUNTRIES.map((c) => c.share);
  private readonly cityWeights = COUNTRIES.map((c) => c.cities.map((x) => x.weight));
  private readonly phones = new Set<string>();
  readonly emails: EmailBook;
  private nextNo = 1;

  constructor(
    private readonly rng: Rng,
    private readonly nowYear: number,
  ) {
    this.emails = new EmailBook(rng);
  }

  surname(countryIndex: number): { name: string; rank: number } {
    const german = COUNTRIES[countryIndex]?.code === 'DE' ? this.rng.chance(0.7) : this.rng.chance(0.03);
    if (german) {
      const r = this.germanAlias.sample(this.rng);
      return { name: GERMAN_SURNAMES[r] as string, rank: 1000 + r };
    }
    const r = this.lastAlias.sample(this.rng);
    return { name: SURNAMES[r] as string, rank: r };
  }

  firstName(gender?: Gender): { name: string; gender: Gender; rank: number } {
    for (;;) {
      const r = this.firstAlias.sample(this.rng);
      const f = FIRST_NAMES[r] as (typeof FIRST_NAMES)[number];
      if (!gender || f.gender === gender) return { name: f.name, gender: f.gender, rank: r };
    }
  }

  /** A phone number no other person has. */
  newPhone(countryIndex: number, cityIndex: number): Phone {
    for (;;) {
      const p = makePhone(countryIndex, cityIndex, this.rng);
      const key = phoneKey(p);
      if (!this.phones.has(key)) {
        this.phones.add(key);
        return p;
      }
    }
  }

  phoneStyle(): PhoneStyle {
    return (['e164', 'local', 'international'] as const)[this.rng.weighted([45, 40, 15])] as PhoneStyle;
  }

  cityIn(countryIndex: number): number {
    return this.rng.weighted(this.cityWeights[countryIndex] as number[]);
  }

  /** A new person with their own name, home, phone and email. Fields in `like` are kept as given. */
  make(like: Partial<Pick<Person, 'first' | 'last' | 'gender' | 'countryIndex' | 'address' | 'birthDate' | 'firstRank' | 'lastRank'>> = {}): Person {
    const rng = this.rng;
    const countryIndex = like.countryIndex ?? rng.weighted(this.countryWeights);
    const fn = like.first !== undefined ? { name: like.first, gender: like.gender ?? 'f', rank: like.firstRank ?? 999 } : this.firstName(like.gender);
    const ln = like.last !== undefined ? { name: like.last, rank: like.lastRank ?? 999 } : this.surname(countryIndex);
    const address = like.address ?? makeAddress(countryIndex, this.cityIn(countryIndex), rng);
    const birthDate = like.birthDate !== undefined ? like.birthDate : rng.chance(0.45) ? adultBirthDate(rng, this.nowYear) : null;
    const phone = rng.chance(0.85) ? this.newPhone(countryIndex, address.cityIndex) : null;
    const code = COUNTRIES[countryIndex]?.code ?? 'US';
    const email = this.emails.make(fn.name, ln.name, code, birthDate ? Number(birthDate.slice(0, 4)) : null);
    return {
      no: this.nextNo++,
      first: fn.name,
      last: ln.name,
      gender: fn.gender,
      countryIndex,
      address,
      phone,
      phoneStyle: this.phoneStyle(),
      email,
      birthDate,
      firstRank: fn.rank,
      lastRank: ln.rank,
    };
  }
}

export const formatPersonPhone = (p: Person): string | null => (p.phone ? formatPhone(p.phone, p.phoneStyle) : null);
