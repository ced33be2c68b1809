/**
 * Name lists for demo people. Ordered from most to least common: the generator
 * weights by rank so a few names (Smith, James, Mary) are very common — which is
 * exactly what makes duplicate detection hard (two real "James Smith"s in one city).
 * Mixed cultures on purpose, including accents (Müller, Lucía) that a matcher must fold.
 */

export type Gender = 'f' | 'm';

const MALE = `James John Robert Michael William David Richard Joseph Thomas Charles Christopher Daniel Matthew
Anthony Mark Donald Steven Paul Andrew Joshua Kenneth Kevin Brian George Timothy Ronald Edward Jason Jeffrey Ryan
Jacob Gary Nicholas Eric Jonathan Stephen Larry Justin Scott Brandon Benjamin Samuel Gregory Alexander Frank Patrick
Raymond Jack Dennis Jerry Tyler Aaron Jose Adam Nathan Henry Zachary Peter Kyle Noah Ethan Liam Oliver Lucas Mason
Logan Elijah Aiden Carlos Luis Miguel Juan Diego Mateo Ahmed Omar Mohammed Ali Hassan Raj Arjun Vikram Rahul Amit Wei
Jun Hiroshi Kenji Minho Tuan Kwame Chidi Oluwaseun Tobias Lukas Jonas Maximilian Felix Stefan Jürgen Klaus Wolfgang
Pierre Louis Mathieu Giovanni Marco Luca Sean Connor Declan`;

const FEMALE = `Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Lisa Nancy Betty Margaret Sandra
Ashley Kimberly Emily Donna Michelle Carol Amanda Dorothy Melissa Deborah Stephanie Rebecca Sharon Laura Cynthia
Kathleen Amy Angela Shirley Anna Brenda Pamela Emma Nicole Helen Samantha Katherine Christine Debra Rachel Catherine
Carolyn Janet Ruth Maria Heather Diane Virginia Julie Joyce Victoria Olivia Kelly Christina Lauren Joan Evelyn Judith
Megan Andrea Cheryl Hannah Jacqueline Martha Gloria Teresa Sophia Isabella Ava Mia Charlotte Amelia Harper Chloe Zoe
Grace Lucía Sofía Valentina Camila Fatima Aisha Layla Priya Ananya Deepika Mei Yuki Sakura Linh Amara Ngozi Chiamaka
Lena Leonie Anja Katharina Ursula Sabine Claire Chloé Giulia Francesca Siobhan Aoife Niamh`;

const split = (s: string) => s.split(/\s+/).filter(Boolean);

export interface FirstName {
  name: string;
  gender: Gender;
}

/** Interleaved by rank so male and female names share the popularity curve. */
export const FIRST_NAMES: FirstName[] = (() => {
  const m = split(MALE);
  const f = split(FEMALE);
  const out: FirstName[] = [];
  for (let i = 0; i < Math.max(m.length, f.length); i++) {
    if (m[i]) out.push({ name: m[i] as string, gender: 'm' });
    if (f[i]) out.push({ name: f[i] as string, gender: 'f' });
  }
  return out;
})();

/** Surnames common in the US, UK, Canada and Australia, most common first. */
export const SURNAMES: string[] = split(`Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez
Lopez Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark Ramirez
Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera Campbell
Mitchell Carter Roberts Gomez Phillips Evans Turner Diaz Parker Cruz Edwards Collins Reyes Stewart Morris Morales Murphy
Cook Rogers Gutierrez Ortiz Morgan Cooper Peterson Bailey Reed Kelly Howard Ramos Kim Cox Ward Richardson Watson Brooks
Chavez Wood James Bennett Gray Mendoza Ruiz Hughes Price Alvarez Castillo Sanders Patel Myers Long Ross Foster Jimenez
Powell Jenkins Perry Russell Sullivan Bell Coleman Butler Henderson Barnes Gonzales Fisher Vasquez Simmons Romero Jordan
Patterson Alexander Hamilton Graham Reynolds Griffin Wallace Moreno West Cole Hayes Bryant Herrera Gibson Ellis Tran Medina
Aguilar Stevens Murray Ford Castro Marshall Owens Harrison Fernandez McDonald Woods Washington Kennedy Wells Vargas Henry
Chen Freeman Webb Tucker Guzman Burns Crawford Olson Simpson Porter Hunter Gordon Mendez Silva Shaw Snyder Mason Dixon
Muñoz Hunt Hicks Holmes Palmer Black Robertson Boyd Rose Stone Salazar Fox Warren Mills Rice Garza Daniels Ferguson
Nichols Stephens Soto Weaver Ryan Gardner Payne Grant Dunn Kelley Spencer Hawkins Arnold Pierce Vazquez Hansen Santos
Hart Bradley Knight Elliott Cunningham Duncan Armstrong Hudson Carroll Lane Riley Andrews Alvarado Ray Delgado Berry
Perkins Hoffman Johnston Matthews Peña Richards Contreras Willis Carpenter Lawrence Sandoval O'Brien O'Connor McCarthy
MacDonald Singh Kumar Shah Gupta Sharma Khan Ali Ahmed Wang Li Zhang Liu Yang Huang Zhao Wu Zhou Tanaka Suzuki Sato
Watanabe Park Choi Jung Pham Le Hoang Okafor Adeyemi Mensah Nkosi Rossi Russo Ferrari Esposito Bianchi Dubois Lefebvre
Moreau Laurent Jansen Nowak Kowalski Novak Ivanov Petrov Andersson Johansson Nielsen Larsen Byrne Doyle Walsh Gallagher
Quinn Fitzgerald Brennan Lynch Barrett Fleming Hammond Lambert Banks Chapman Bishop Holland Barker Hale Norris Stanley`);

/** German surnames, used mostly for customers in Germany. */
export const GERMAN_SURNAMES: string[] = split(`Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann
Schäfer Koch Bauer Richter Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger Hofmann Hartmann Lange Schmitt
Werner Schmitz Krause Meier Lehmann Schmid Schulze Maier Köhler Herrmann König Walter Mayer Huber Kaiser Fuchs Peters
Lang Scholz Möller Weiß Hahn Schubert Vogel Friedrich Keller Günther Frank Berger Winkler Roth Beck Lorenz Baumann Franke
Albrecht Ludwig`);

/** Familiar forms people use when they sign up a second time. Keys are FIRST_NAMES entries. */
export const NICKNAMES: Record<string, string[]> = {
  Robert: ['Bob', 'Rob', 'Bobby'],
  William: ['Bill', 'Will', 'Billy'],
  Elizabeth: ['Liz', 'Beth', 'Eliza', 'Lizzie'],
  James: ['Jim', 'Jimmy', 'Jamie'],
  John: ['Jack', 'Johnny'],
  Michael: ['Mike', 'Mikey'],
  Richard: ['Rick', 'Rich', 'Dick'],
  Joseph: ['Joe', 'Joey'],
  Thomas: ['Tom', 'Tommy'],
  Charles: ['Charlie', 'Chuck'],
  Christopher: ['Chris'],
  Daniel: ['Dan', 'Danny'],
  Matthew: ['Matt'],
  Anthony: ['Tony'],
  Donald: ['Don'],
  Steven: ['Steve'],
  Stephen: ['Steve'],
  Andrew: ['Andy', 'Drew'],
  Joshua: ['Josh'],
  Kenneth: ['Ken', 'Kenny'],
  Timothy: ['Tim'],
  Ronald: ['Ron'],
  Edward: ['Ed', 'Eddie', 'Ted'],
  Jeffrey: ['Jeff'],
  Jacob: ['Jake'],
  Nicholas: ['Nick'],
  Jonathan: ['Jon'],
  Benjamin: ['Ben'],
  Samuel: ['Sam'],
  Gregory: ['Greg'],
  Alexander: ['Alex'],
  Patrick: ['Pat'],
  Zachary: ['Zach'],
  Peter: ['Pete'],
  Henry: ['Harry', 'Hank'],
  Maximilian: ['Max'],
  Lawrence: ['Larry'],
  Patricia: ['Pat', 'Patty', 'Trish'],
  Jennifer: ['Jen', 'Jenny'],
  Margaret: ['Maggie', 'Peggy', 'Meg'],
  Susan: ['Sue', 'Susie'],
  Jessica: ['Jess'],
  Kimberly: ['Kim'],
  Deborah: ['Deb', 'Debbie'],
  Stephanie: ['Steph'],
  Rebecca: ['Becky', 'Becca'],
  Katherine: ['Kate', 'Katie', 'Kathy'],
  Kathleen: ['Kathy', 'Kath'],
  Christine: ['Chris', 'Tina'],
  Christina: ['Tina', 'Chris'],
  Catherine: ['Cathy', 'Kate'],
  Samantha: ['Sam'],
  Victoria: ['Vicky', 'Tori'],
  Cynthia: ['Cindy'],
  Pamela: ['Pam'],
  Judith: ['Judy'],
  Jacqueline: ['Jackie'],
  Teresa: ['Terry', 'Tess'],
  Amanda: ['Mandy'],
  Dorothy: ['Dot', 'Dottie'],
  Virginia: ['Ginny'],
  Barbara: ['Barb'],
  Melissa: ['Mel', 'Missy'],
  Isabella: ['Bella', 'Izzy'],
  Sophia: ['Sophie'],
  Olivia: ['Liv'],
  Katharina: ['Kathi', 'Katja'],
  Francesca: ['Fran'],
  Alexandra: ['Alex'],
};

/** Rank weights with a soft head: the top name is a few percent of people, not a third. */
export function rankWeights(n: number, offset: number): number[] {
  const w: number[] = [];
  for (let r = 1; r <= n; r++) w.push(1 / (r + offset));
  return w;
}
