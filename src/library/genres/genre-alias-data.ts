/**
 * The built-in alias rules (other names and spellings of a canonical genre), compound labels
 * (one label meaning several genres), the tags that are not genres, and the acronyms kept in
 * capitals when an unknown label is title-cased.
 *
 * Keys are compared by genreKey (genre-key.ts), so case, spaces, hyphens, underscores,
 * apostrophes, diacritics and "&"/"and"/"'n'" never need their own rule: "hip-hop", "Hip Hop"
 * and "hiphop" are one key. A rule here is a genuinely different name ("rap" → "Hip Hop").
 *
 * Written for tonearm from the labels online sources return: Last.fm's top tags (last.fm
 * /tag/*), Discogs' genre and style names (discogs.com "Genres and Styles"), MusicBrainz genre
 * names and their listed aliases (musicbrainz.org/genres), Spotify artist-genre names, Deezer's
 * genre list (api.deezer.com/genre) and the ID3v1/Winamp table (id3v1-genres.ts).
 */

/** Other name or spelling → canonical genre. */
// biome-ignore format: grouped by family, several rules a line
export const BUILT_IN_ALIASES: Readonly<Record<string, string>> = {
  // Hip hop
  rap: "Hip Hop", "rap/hip hop": "Hip Hop", "hip hop/rap": "Hip Hop", "rap & hip hop": "Hip Hop",
  "melodic rap": "Hip Hop", gangsta: "Gangsta Rap", "gangster rap": "Gangsta Rap", "trap music": "Trap",
  "southern rap": "Southern Hip Hop", "dirty south": "Southern Hip Hop", "west coast rap": "West Coast Hip Hop",
  "east coast rap": "East Coast Hip Hop", "conscious rap": "Conscious Hip Hop", "political hip hop": "Conscious Hip Hop",
  "alternative rap": "Alternative Hip Hop", "jazz hip hop": "Jazz Rap", "jazzy hip hop": "Jazz Rap",
  "old school rap": "Old School Hip Hop", "hardcore rap": "Hardcore Hip Hop", "christian rap": "Christian Hip Hop",
  "christian gangsta rap": "Christian Hip Hop", "drill music": "Drill", chillhop: "Lo-Fi Hip Hop",
  "lo-fi beats": "Lo-Fi Hip Hop", rapcore: "Rap Metal", "booty bass": "Miami Bass", "trap latino": "Latin Trap",
  "underground hip hop": "Alternative Hip Hop", "atl hip hop": "Southern Hip Hop", "rap francais": "Hip Hop",
  "thug rap": "Gangsta Rap", conscious: "Conscious Hip Hop", "favela funk": "Baile Funk",
  // Rhythm and blues, soul, funk
  "r&b": "Rhythm and Blues", rnb: "Rhythm and Blues", "contemporary rnb": "Contemporary R&B",
  "urban contemporary": "Contemporary R&B", "modern r&b": "Contemporary R&B", "slow jam": "Contemporary R&B",
  "alternative rnb": "Alternative R&B", "alt r&b": "Alternative R&B", "pbr&b": "Alternative R&B",
  "escape room": "Alternative R&B", "nu soul": "Neo Soul", "philadelphia soul": "Philly Soul",
  "rhythmic soul": "Soul", "classic soul": "Soul", parliament: "P-Funk", 
  // Rock
  "alternative rock": "Alternative", "alt rock": "Alternative", alternrock: "Alternative", 
  "modern rock": "Alternative", "permanent wave": "Alternative", "modern alternative rock": "Alternative",
  "album rock": "AOR", "album oriented rock": "AOR", "adult oriented rock": "AOR", "heavy rock": "Hard Rock",
  prog: "Progressive Rock", "prog rock": "Progressive Rock", progressive: "Progressive Rock",
  "symphonic prog": "Symphonic Rock", psych: "Psychedelic Rock", psychedelic: "Psychedelic Rock",
  psychadelic: "Psychedelic Rock", "psych rock": "Psychedelic Rock", "neo-psychedelic": "Neo-Psychedelia",
  stoner: "Stoner Rock", "desert rock": "Stoner Rock", garage: "Garage Rock", "garage rock revival": "Garage Rock",
  surf: "Surf Rock", "slow rock": "Soft Rock", "yacht rock": "Soft Rock", "mellow gold": "Soft Rock",
  glam: "Glam Rock", "glitter rock": "Glam Rock", goth: "Gothic Rock", gothic: "Gothic Rock",
  "goth rock": "Gothic Rock", "post-punk revival": "Post-Punk", "new wave of new wave": "New Wave",
  "british invasion": "Beat Music", mod: "Beat Music", "horror rock": "Horror Punk", beat: "Beat Music", shoegazer: "Shoegaze", shoegazing: "Shoegaze",
  nugaze: "Shoegaze", baggy: "Madchester", "jam bands": "Jam Band", "kosmische musik": "Krautrock",
  "avant-rock": "Experimental Rock", "low-fi": "Lo-Fi", sadcore: "Slowcore", emocore: "Emo", jangle: "Jangle Pop",
  "indie dance": "Alternative Dance", "new rave": "Alternative Dance",
  "rock en español": "Latin Rock", "punk rock": "Punk", "acid punk": "Punk",
  "polsk punk": "Punk", negerpunk: "Afro-Punk",
  // Punk and metal
  hardcore: "Hardcore Punk", hxc: "Hardcore Punk", nyhc: "Hardcore Punk", skacore: "Ska Punk",
  "street punk": "Oi!", crust: "Crust Punk", "d-beat": "Crust Punk", "riot grrl": "Riot Grrrl",
  melodeath: "Melodic Death Metal", "melodic death": "Melodic Death Metal", "tech death": "Technical Death Metal",
  "technical death": "Technical Death Metal", "brutal death": "Brutal Death Metal", thrash: "Thrash Metal",
  "old school thrash": "Thrash Metal", doom: "Doom Metal", "stoner metal": "Doom Metal", sludge: "Sludge Metal",
  "goth metal": "Gothic Metal", "prog metal": "Progressive Metal", "alt metal": "Alternative Metal",
  "hair metal": "Glam Metal", "pop metal": "Glam Metal", nwobhm: "New Wave of British Heavy Metal",
  "drone doom": "Drone Metal", "pagan metal": "Folk Metal", "white metal": "Christian Metal",
  "unblack metal": "Christian Metal", grind: "Grindcore", crossover: "Crossover Thrash",
  thrashcore: "Crossover Thrash", "extreme metal": "Metal",
  // Pop
  technopop: "Synthpop", bubblegum: "Bubblegum Pop",
  "post-teen pop": "Teen Pop", "pop dance": "Dance-Pop", standards: "Traditional Pop", "adult standards": "Traditional Pop",
  "korean pop": "K-Pop", "k-pop boy group": "K-Pop", "k-pop girl group": "K-Pop", "japanese pop": "J-Pop", "chinese pop": "C-Pop", "pop-folk": "Folk Pop",
  twee: "Twee Pop", "chanson française": "Chanson", "french chanson": "Chanson",
  "instrumental pop": "Pop", "a capella": "A Cappella",
  // Electronic and dance
  electronica: "Electronic", "electronic dance music": "EDM", club: "Dance", "club-house": "House", "euro-house": "House",
  "garage house": "House", "vocal house": "House", "uk dance": "Dance", "prog house": "Progressive House",
  acid: "Acid House", "big room": "Electro House", "filter house": "French House", "disco house": "French House",
  "euro-techno": "Techno", "hard techno": "Techno", minimal: "Minimal Techno", ukg: "UK Garage", "two step": "2-Step",
  "uk bass": "Bass Music", bass: "Bass Music", "prog trance": "Progressive Trance", "epic trance": "Uplifting Trance",
  psy: "Psytrance", juke: "Footwork", "psychedelic trance": "Psytrance", goa: "Goa Trance", psychill: "Psybient",
  dnb: "Drum and Bass", "d&b": "Drum and Bass", drumnbass: "Drum and Bass", "liquid dnb": "Liquid Funk",
  "liquid drum and bass": "Liquid Funk", breaks: "Breakbeat", "nu-breakz": "Nu Skool Breaks", "nu breaks": "Nu Skool Breaks",
  gabba: "Gabber", terror: "Terrorcore", "electro-funk": "Electro", "intelligent dance music": "IDM",
  braindance: "IDM", "electronic body music": "EBM", aggrotech: "EBM", "techno-industrial": "Industrial",
  "industro-goth": "Industrial", retrowave: "Synthwave", outrun: "Synthwave", "new retro wave": "Synthwave",
  "8-bit": "Chiptune", "chip music": "Chiptune", bitpop: "Chiptune", "high energy": "Hi-NRG", italo: "Italo Disco",
  eurobeat: "Eurodance", rave: "Hardcore Techno",
  "space music": "Ambient",
  // Jazz and blues
  bebob: "Bebop", bop: "Bebop", modal: "Modal Jazz", fusion: "Jazz Fusion", "fast fusion": "Jazz Fusion",
  "trad jazz": "Dixieland", "new orleans jazz": "Dixieland", "avant jazz": "Avant-Garde Jazz",
  "afro-cuban jazz": "Latin Jazz", "jazz vocal": "Vocal Jazz", "jazz manouche": "Gypsy Jazz", manouche: "Gypsy Jazz",
  "contemporary post-bop": "Post-Bop", "modern jazz": "Contemporary Jazz", "future jazz": "Nu Jazz",
  bossa: "Bossa Nova", "acoustic blues": "Country Blues",
  // Country and folk
  "country & western": "Country", "c&w": "Country", western: "Country", newgrass: "Bluegrass",
  "progressive bluegrass": "Bluegrass", "alt-country": "Alternative Country", "insurgent country": "Alternative Country",
  "modern country": "Contemporary Country", "new country": "Contemporary Country", "bro-country": "Contemporary Country",
  "country road": "Contemporary Country", songwriter: "Singer-Songwriter", "singer & songwriter": "Singer-Songwriter",
  "psych folk": "Psychedelic Folk", "acid folk": "Psychedelic Folk", "trad folk": "Traditional Folk",
  folklore: "Traditional Folk", "national folk": "Folk", "sea shanty": "Traditional Folk",
  "sea shanties": "Traditional Folk", "apocalyptic folk": "Neofolk", "irish folk": "Celtic",
  "scottish folk": "Celtic", "stomp and holler": "Indie Folk",
  // Classical
  "20th century classical": "Modern Classical", "minimal music": "Minimalism", 
  choir: "Choral", chorus: "Choral", orchestra: "Orchestral", symphony: "Orchestral", symphonic: "Orchestral",
  sonata: "Classical", "classical period": "Classical", romanticism: "Classical",
  // Reggae, Latin, world
  roots: "Roots Reggae", raggamuffin: "Ragga", "two tone": "2 Tone",
  latino: "Latin", "musica latina": "Latin", "brazilian music": "Latin", "música popular brasileira": "MPB",
  "brazilian popular music": "MPB", "traditional mexicano": "Regional Mexican",
  "musica mexicana": "Regional Mexican", "tex-mex": "Tejano", corridos: "Corrido", narcocorrido: "Corrido",
  "funk carioca": "Baile Funk", "brazilian funk": "Baile Funk", "funk brasileiro": "Baile Funk",
  "urbano latino": "Reggaeton", world: "World Music", "world fusion": "Worldbeat",
  ethnic: "World Music", global: "World Music", tribal: "World Music", "asian music": "World Music",
  "indian music": "World Music", afropop: "Afrobeats", naija: "Afrobeats", "congolese rumba": "Soukous",
  assouf: "Desert Blues", "ethiopian jazz": "Ethio-Jazz", "hindustani classical": "Hindustani",
  bollywood: "Filmi", "native us": "Native American Music", "native american": "Native American Music",
  // Experimental, stage and screen, functional
  "free improv": "Free Improvisation", improv: "Free Improvisation", improvisation: "Free Improvisation",
  "sound collage": "Plunderphonics", "harsh noise wall": "Harsh Noise", ost: "Soundtrack", soundtracks: "Soundtrack",
  "original soundtrack": "Soundtrack", "movie soundtrack": "Soundtrack", films: "Soundtrack", trailer: "Soundtrack",
  "stage & screen": "Soundtrack", score: "Film Score", "film music": "Film Score", vgm: "Video Game Music",
  game: "Video Game Music", games: "Video Game Music", "video game soundtrack": "Video Game Music",
  musicals: "Musical", showtunes: "Musical", broadway: "Musical", "musical theatre": "Musical",
  "musical theater": "Musical", "elevator music": "Easy Listening", "space-age": "Space Age Pop", theme: "Soundtrack",
  "nursery rhymes": "Children's Music", story: "Spoken Word", religious: "Religious Music",
  "pipe & drum": "Military Music", muzak: "Easy Listening",
  meditation: "New Age", meditative: "New Age", christian: "Christian Music", ccm: "Contemporary Christian",
  "christian pop": "Contemporary Christian", "praise & worship": "Worship", "children's": "Children's Music",
  kids: "Children's Music", humour: "Comedy", humor: "Comedy", satire: "Comedy", pranks: "Comedy",
  "stand-up comedy": "Comedy", standup: "Comedy", speech: "Spoken Word", spoken: "Spoken Word",
  "audio theatre": "Audio Drama", "audio theater": "Audio Drama",
  "radio drama": "Audio Drama", "radio play": "Audio Drama", christmas: "Christmas Music", xmas: "Christmas Music",
  holiday: "Holiday Music", military: "Military Music", marches: "Military Music", march: "Military Music",
};

/** Labels that are several genres at once (Discogs' combined genres, AllMusic's "Pop/Rock"). */
export const BUILT_IN_COMPOUNDS: Readonly<Record<string, readonly string[]>> = {
  "Funk / Soul": ["Funk", "Soul"],
  "Folk, World, & Country": ["Folk", "World Music", "Country"],
  "Brass & Military": ["Brass Band", "Military Music"],
  "Pop/Rock": ["Pop", "Rock"],
  "R&B/Soul": ["Rhythm and Blues", "Soul"],
  "Films/Games": ["Soundtrack", "Video Game Music"],
};
