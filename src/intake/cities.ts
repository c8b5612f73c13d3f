import { Lexicon } from './lexicon.ts';

/**
 * Capitals and cities where meetings are held, with their English and French names (and
 * common variants) and their country. Data, not rules: a city missing here is still taken
 * after "à"/"in" when capitalised, with a lower confidence.
 */

export interface City {
  en: string;
  fr: string;
  country: string;
}

// English | French | country | other spellings (;-separated)
const TABLE = `
Beijing|Pékin|cn|Peking;Beijing
Shanghai|Shanghai|cn|Changhaï
Tianjin|Tianjin|cn|
Guangzhou|Canton|cn|Guangzhou
Shenzhen|Shenzhen|cn|
Hangzhou|Hangzhou|cn|
Xiamen|Xiamen|cn|
Chengdu|Chengdu|cn|
Harbin|Harbin|cn|
Qingdao|Qingdao|cn|
Dalian|Dalian|cn|
Wuhan|Wuhan|cn|
Xi'an|Xi'an|cn|Xian
Nanjing|Nankin|cn|Nanjing
Kunming|Kunming|cn|
Urumqi|Urumqi|cn|Ürümqi;Ouroumtsi
Hong Kong|Hong Kong|hk|
Macao|Macao|mo|Macau
Taipei|Taipei|tw|Taïpei
Moscow|Moscou|ru|
Saint Petersburg|Saint-Pétersbourg|ru|St Petersburg;St. Petersburg;Saint-Petersburg
Kazan|Kazan|ru|
Sochi|Sotchi|ru|Sochi
Vladivostok|Vladivostok|ru|
Novosibirsk|Novossibirsk|ru|Novosibirsk
Yekaterinburg|Iekaterinbourg|ru|Ekaterinburg
Washington|Washington|us|Washington, D.C.;Washington DC
New York|New York|us|
San Francisco|San Francisco|us|
Honolulu|Honolulu|us|
Ottawa|Ottawa|ca|
Montreal|Montréal|ca|Montreal
Toronto|Toronto|ca|
Mexico City|Mexico|mx|Ciudad de México
Havana|La Havane|cu|
Brasília|Brasilia|br|Brasília
Rio de Janeiro|Rio de Janeiro|br|
São Paulo|São Paulo|br|Sao Paulo
Buenos Aires|Buenos Aires|ar|
Santiago|Santiago|cl|Santiago du Chili
Lima|Lima|pe|
Bogotá|Bogota|co|Bogotá
Caracas|Caracas|ve|
Quito|Quito|ec|
London|Londres|gb|
Edinburgh|Édimbourg|gb|
Paris|Paris|fr|
Strasbourg|Strasbourg|fr|
Marseille|Marseille|fr|Marseilles
Lyon|Lyon|fr|
Berlin|Berlin|de|
Munich|Munich|de|München
Bonn|Bonn|de|
Hamburg|Hambourg|de|
Brussels|Bruxelles|be|
Amsterdam|Amsterdam|nl|
The Hague|La Haye|nl|
Luxembourg|Luxembourg|lu|
Bern|Berne|ch|
Geneva|Genève|ch|
Davos|Davos|ch|
Zurich|Zurich|ch|Zürich
Vienna|Vienne|at|
Rome|Rome|it|
Milan|Milan|it|
Madrid|Madrid|es|
Barcelona|Barcelone|es|
Lisbon|Lisbonne|pt|
Athens|Athènes|gr|
Dublin|Dublin|ie|
Copenhagen|Copenhague|dk|
Stockholm|Stockholm|se|
Oslo|Oslo|no|
Helsinki|Helsinki|fi|
Reykjavik|Reykjavik|is|Reykjavík
Warsaw|Varsovie|pl|
Prague|Prague|cz|
Bratislava|Bratislava|sk|
Budapest|Budapest|hu|
Bucharest|Bucarest|ro|
Sofia|Sofia|bg|
Belgrade|Belgrade|rs|
Zagreb|Zagreb|hr|
Ljubljana|Ljubljana|si|
Sarajevo|Sarajevo|ba|
Podgorica|Podgorica|me|
Skopje|Skopje|mk|
Tirana|Tirana|al|
Chisinau|Chisinau|md|Chișinău;Kishinev
Kyiv|Kiev|ua|Kiev;Kyiv
Minsk|Minsk|by|
Vilnius|Vilnius|lt|
Riga|Riga|lv|
Tallinn|Tallinn|ee|
Nicosia|Nicosie|cy|
Valletta|La Valette|mt|
Ankara|Ankara|tr|
Istanbul|Istanbul|tr|
Baku|Bakou|az|
Yerevan|Erevan|am|Erevan
Tbilisi|Tbilissi|ge|
Astana|Astana|kz|Nur-Sultan;Noursoultan
Almaty|Almaty|kz|Alma-Ata
Tashkent|Tachkent|uz|
Samarkand|Samarcande|uz|
Bishkek|Bichkek|kg|
Dushanbe|Douchanbé|tj|Dushanbe
Ashgabat|Achgabat|tm|Ashkhabad
Ulaanbaatar|Oulan-Bator|mn|Ulan Bator;Oulan Bator
Tokyo|Tokyo|jp|
Osaka|Osaka|jp|
Hiroshima|Hiroshima|jp|
Seoul|Séoul|kr|
Busan|Busan|kr|Pusan
Pyongyang|Pyongyang|kp|
Hanoi|Hanoï|vn|
Ho Chi Minh City|Hô Chi Minh-Ville|vn|Ho Chi Minh-Ville
Vientiane|Vientiane|la|
Phnom Penh|Phnom Penh|kh|
Bangkok|Bangkok|th|
Kuala Lumpur|Kuala Lumpur|my|
Singapore|Singapour|sg|
Jakarta|Jakarta|id|
Bali|Bali|id|
Manila|Manille|ph|
Naypyidaw|Naypyidaw|mm|Nay Pyi Taw
Yangon|Rangoun|mm|Yangon
Bandar Seri Begawan|Bandar Seri Begawan|bn|
Dili|Dili|tl|
Dhaka|Dacca|bd|Dhaka
New Delhi|New Delhi|in|Delhi
Mumbai|Bombay|in|Mumbai
Islamabad|Islamabad|pk|
Karachi|Karachi|pk|
Kabul|Kaboul|af|
Kathmandu|Katmandou|np|
Colombo|Colombo|lk|
Malé|Malé|mv|Male
Thimphu|Thimphou|bt|
Canberra|Canberra|au|
Sydney|Sydney|au|
Melbourne|Melbourne|au|
Wellington|Wellington|nz|
Auckland|Auckland|nz|
Tehran|Téhéran|ir|
Baghdad|Bagdad|iq|
Riyadh|Riyad|sa|Ryad
Jeddah|Djeddah|sa|
Abu Dhabi|Abou Dhabi|ae|
Dubai|Dubaï|ae|
Doha|Doha|qa|
Muscat|Mascate|om|
Kuwait City|Koweït|kw|
Manama|Manama|bh|
Sanaa|Sanaa|ye|
Amman|Amman|jo|
Damascus|Damas|sy|
Beirut|Beyrouth|lb|
Jerusalem|Jérusalem|il|
Tel Aviv|Tel-Aviv|il|Tel Aviv
Ramallah|Ramallah|ps|
Cairo|Le Caire|eg|
Sharm el-Sheikh|Charm el-Cheikh|eg|
Tripoli|Tripoli|ly|
Tunis|Tunis|tn|
Algiers|Alger|dz|
Rabat|Rabat|ma|
Nouakchott|Nouakchott|mr|
Dakar|Dakar|sn|
Bamako|Bamako|ml|
Niamey|Niamey|ne|
Ouagadougou|Ouagadougou|bf|
Abidjan|Abidjan|ci|
Yamoussoukro|Yamoussoukro|ci|
Accra|Accra|gh|
Lomé|Lomé|tg|
Cotonou|Cotonou|bj|
Lagos|Lagos|ng|
Abuja|Abuja|ng|
N'Djamena|N'Djamena|td|
Yaoundé|Yaoundé|cm|
Libreville|Libreville|ga|
Brazzaville|Brazzaville|cg|
Kinshasa|Kinshasa|cd|
Luanda|Luanda|ao|
Khartoum|Khartoum|sd|
Juba|Djouba|ss|Juba
Addis Ababa|Addis-Abeba|et|Addis Abeba
Asmara|Asmara|er|
Djibouti|Djibouti|dj|
Mogadishu|Mogadiscio|so|
Nairobi|Nairobi|ke|
Kampala|Kampala|ug|
Kigali|Kigali|rw|
Dar es Salaam|Dar es Salaam|tz|
Dodoma|Dodoma|tz|
Lusaka|Lusaka|zm|
Harare|Harare|zw|
Maputo|Maputo|mz|
Antananarivo|Antananarivo|mg|Tananarive
Windhoek|Windhoek|na|
Gaborone|Gaborone|bw|
Pretoria|Pretoria|za|
Johannesburg|Johannesburg|za|
Cape Town|Le Cap|za|
Durban|Durban|za|
`;

function build(): { list: City[]; lexicon: Lexicon<City> } {
  const list: City[] = [];
  const lexicon = new Lexicon<City>();
  for (const line of TABLE.split('\n')) {
    const [english, french, country, others] = line.split('|');
    if (!english || !french || !country) continue;
    const city: City = { en: english, fr: french, country };
    list.push(city);
    for (const name of [english, french, ...(others ? others.split(';') : [])]) lexicon.add(name, city, 'capitalized');
  }
  return { list, lexicon };
}

const built = build();
export const CITIES = built.lexicon;
