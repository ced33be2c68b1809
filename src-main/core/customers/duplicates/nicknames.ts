/**
 * Common given-name short forms (English and a few German/European ones).
 * A name maps to every formal name it can stand for: "Chris" is Christopher,
 * Christine, Christina or Christian. Written for people data in general, not
 * for any one data set.
 */
const FORMAL_TO_SHORT: Record<string, string> = {
  abigail: 'abby abbie gail',
  albert: 'al bert bertie',
  alexander: 'alex alec xander sasha sandy',
  alexandra: 'alex alexa sandra sandy sasha lexi',
  alfred: 'alf alfie fred',
  allison: 'allie ally',
  amanda: 'mandy manda',
  andrew: 'andy drew',
  angela: 'angie',
  anthony: 'tony ant',
  antonio: 'tony toni',
  arthur: 'art artie',
  barbara: 'barb barbie babs',
  benjamin: 'ben benny benji',
  bernard: 'bernie',
  beverly: 'bev',
  bradley: 'brad',
  cameron: 'cam',
  carolyn: 'carol carrie',
  caroline: 'carol carrie caro',
  catherine: 'cathy cat kate katie',
  charles: 'charlie chuck chas chaz',
  charlotte: 'charlie lottie',
  christian: 'chris',
  christina: 'chris tina christy',
  christine: 'chris tina christy',
  christopher: 'chris kit topher',
  cynthia: 'cindy',
  daniel: 'dan danny',
  danielle: 'dani',
  david: 'dave davy',
  deborah: 'deb debbie debby',
  dennis: 'denny',
  donald: 'don donny',
  dorothy: 'dot dottie dolly',
  douglas: 'doug',
  edward: 'ed eddie ted teddy ned',
  eleanor: 'ellie nora',
  elizabeth: 'liz lizzie beth eliza betty bess libby lisa',
  emily: 'em emmy',
  eugene: 'gene',
  francesca: 'fran frankie',
  frances: 'fran frannie',
  francis: 'frank',
  frederick: 'fred freddie',
  gabriel: 'gabe',
  gabriella: 'gabby gabi',
  gerald: 'gerry jerry',
  gregory: 'greg',
  harold: 'harry hal',
  henry: 'harry hank hal',
  isabella: 'bella izzy isa',
  isabel: 'bella izzy isa',
  jacob: 'jake',
  jacqueline: 'jackie jacqui',
  james: 'jim jimmy jamie',
  janet: 'jan',
  jeffrey: 'jeff',
  jennifer: 'jen jenny jenn',
  jessica: 'jess jessie',
  johannes: 'hans jo',
  john: 'jack johnny jon',
  jonathan: 'jon jonny',
  joseph: 'joe joey jo',
  josephine: 'jo josie',
  joshua: 'josh',
  judith: 'judy jude',
  katharina: 'kathi katja kati',
  katherine: 'kate katie kathy kat',
  kathleen: 'kathy kath kate',
  kenneth: 'ken kenny',
  kimberly: 'kim',
  lawrence: 'larry laurie',
  leonard: 'leo len lenny',
  margaret: 'maggie meg peggy marge greta',
  matthew: 'matt matty',
  maximilian: 'max maxi',
  melissa: 'mel missy',
  michael: 'mike mikey mick mickey',
  nathan: 'nate',
  nathaniel: 'nate nat',
  nicholas: 'nick nicky',
  nicole: 'nikki',
  olivia: 'liv livvy',
  pamela: 'pam',
  patricia: 'pat patty trish tricia',
  patrick: 'pat paddy',
  peter: 'pete',
  philip: 'phil',
  rebecca: 'becky becca',
  richard: 'rick rich dick ricky',
  robert: 'bob rob bobby robbie bert',
  ronald: 'ron ronnie',
  samantha: 'sam sammy',
  samuel: 'sam sammy',
  sophia: 'sophie',
  stephanie: 'steph stevie',
  stephen: 'steve stevie',
  steven: 'steve stevie',
  susan: 'sue susie suzy',
  teresa: 'terry tess tessa',
  theodore: 'theo ted teddy',
  thomas: 'tom tommy',
  timothy: 'tim timmy',
  victoria: 'vicky tori vic',
  vincent: 'vince vinny',
  virginia: 'ginny',
  walter: 'walt wally',
  william: 'bill will billy willy liam',
  wolfgang: 'wolf',
  zachary: 'zach zack',
};

const GROUPS = new Map<string, string[]>();
for (const [formal, shorts] of Object.entries(FORMAL_TO_SHORT)) {
  const add = (name: string) => {
    const list = GROUPS.get(name);
    if (list) list.push(formal);
    else GROUPS.set(name, [formal]);
  };
  add(formal);
  for (const s of shorts.split(' ')) add(s);
}

/** The formal names a (folded, compact) given name may stand for; the name itself when it is not in the table. */
export function formalNames(name: string): string[] {
  return GROUPS.get(name) ?? (name ? [name] : []);
}

/** True when two different given names can be the same person's (Bob ~ Robert, Bob ~ Rob). */
export function nicknameMatch(a: string, b: string): boolean {
  if (!a || !b || a === b) return false;
  const fa = formalNames(a);
  const fb = formalNames(b);
  return fa.some((x) => fb.includes(x));
}
