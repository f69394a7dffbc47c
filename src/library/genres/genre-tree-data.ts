/**
 * The built-in canonical genres and their parents: a directed acyclic graph ("Melodic Death
 * Metal" → "Death Metal" → "Metal"; "Synthpop" → "Electronic" and "Pop"). A genre with no
 * parents is a root. Every name here is the display form that normalisation returns.
 *
 * Written for tonearm, not copied: the names and relations follow the public vocabularies of
 * MusicBrainz (musicbrainz.org/genres, its genre relationships "subgenre of"/"fusion of"),
 * Discogs' 15 genres and their styles (discogs.com, "Genres and Styles" guidelines §9) and the
 * ID3v1/Winamp table (id3v1-genres.ts), reduced to the few hundred genres a music library's
 * tags actually carry. Parents are the genre a listener would file a record under when the
 * specific one is unknown; fusions name both sides.
 */

/** Canonical genre → its parent genres (canonical names). */
// biome-ignore format: grouped by family, several genres a line
export const BUILT_IN_GENRE_PARENTS: Readonly<Record<string, readonly string[]>> = {
  // Rock and its alternative/indie branch
  Rock: [], Alternative: ["Rock"], Indie: [], "Indie Rock": ["Alternative", "Indie"],
  "Indie Pop": ["Indie", "Pop"], "Indie Folk": ["Indie", "Folk"], Indietronica: ["Indie", "Electronic"],
  Grunge: ["Alternative"], "Post-Grunge": ["Alternative"], Britpop: ["Alternative"], Shoegaze: ["Alternative"],
  "Dream Pop": ["Alternative", "Pop"], "Noise Rock": ["Alternative", "Noise"], Madchester: ["Alternative"],
  "Math Rock": ["Alternative"], "Post-Rock": ["Alternative"], Slowcore: ["Alternative"], "Lo-Fi": ["Indie"],
  "Jangle Pop": ["Alternative", "Pop"], "College Rock": ["Alternative"], "Alternative Dance": ["Alternative", "Dance"],
  "Art Rock": ["Rock"], "Progressive Rock": ["Rock"], "Symphonic Rock": ["Progressive Rock"],
  "Canterbury Scene": ["Progressive Rock"], Krautrock: ["Rock", "Experimental"], "Psychedelic Rock": ["Rock"],
  "Space Rock": ["Psychedelic Rock"], "Acid Rock": ["Psychedelic Rock"], "Neo-Psychedelia": ["Psychedelic Rock"],
  "Hard Rock": ["Rock"], "Stoner Rock": ["Hard Rock"], "Classic Rock": ["Rock"], AOR: ["Rock"],
  "Blues Rock": ["Rock", "Blues"], "Southern Rock": ["Rock"], "Heartland Rock": ["Rock"], "Folk Rock": ["Rock", "Folk"],
  "Country Rock": ["Rock", "Country"], "Garage Rock": ["Rock"], "Surf Rock": ["Rock"], "Rock and Roll": ["Rock"],
  Rockabilly: ["Rock and Roll", "Country"], Psychobilly: ["Rockabilly", "Punk"], Skiffle: ["Rock and Roll", "Folk"],
  "Soft Rock": ["Rock"], "Glam Rock": ["Rock"], "Gothic Rock": ["Post-Punk"], Deathrock: ["Gothic Rock"],
  "Post-Punk": ["Rock"], "Dance-Punk": ["Post-Punk", "Dance"], "New Wave": ["Rock"], "Beat Music": ["Rock"],
  Freakbeat: ["Beat Music"], Merseybeat: ["Beat Music"], "Instrumental Rock": ["Rock"], "Jam Band": ["Rock"],
  "Pub Rock": ["Rock"], "Experimental Rock": ["Rock", "Experimental"], "Pop Rock": ["Pop", "Rock"],
  "Power Pop": ["Pop Rock"], "Rap Rock": ["Rock", "Hip Hop"], "Funk Rock": ["Rock", "Funk"],
  "Jazz Rock": ["Jazz Fusion", "Rock"], "Piano Rock": ["Rock"], "Trop Rock": ["Rock"], "Celtic Rock": ["Folk Rock", "Celtic"],
  "Industrial Rock": ["Industrial", "Rock"], "Christian Rock": ["Rock", "Christian Music"], "J-Rock": ["Rock"],
  "Visual Kei": ["J-Rock"], "Latin Rock": ["Latin", "Rock"], "Proto-Punk": ["Rock"],
  "Neue Deutsche Welle": ["New Wave"], "Arena Rock": ["Hard Rock"], "No Wave": ["Post-Punk"], Coldwave: ["Post-Punk"],
  // Punk and hardcore
  Punk: ["Rock"], "Hardcore Punk": ["Punk"], "Pop Punk": ["Punk", "Pop"], "Skate Punk": ["Punk"],
  "Ska Punk": ["Punk", "Ska"], "Oi!": ["Punk"], "Anarcho-Punk": ["Punk"], "Crust Punk": ["Hardcore Punk"],
  "Horror Punk": ["Punk"], "Folk Punk": ["Punk", "Folk"], "Celtic Punk": ["Folk Punk", "Celtic"], "Afro-Punk": ["Punk"],
  "Garage Punk": ["Punk", "Garage Rock"], "Riot Grrrl": ["Punk"], "Post-Hardcore": ["Hardcore Punk"],
  "Melodic Hardcore": ["Hardcore Punk"], Emo: ["Punk"], "Midwest Emo": ["Emo"], Screamo: ["Emo", "Post-Hardcore"],
  Metalcore: ["Hardcore Punk", "Metal"], Deathcore: ["Metalcore", "Death Metal"], Mathcore: ["Metalcore"],
  Grindcore: ["Metal", "Hardcore Punk"], Goregrind: ["Grindcore"], "Crossover Thrash": ["Thrash Metal", "Hardcore Punk"],
  // Metal
  Metal: [], "Heavy Metal": ["Metal"], "Death Metal": ["Metal"], "Melodic Death Metal": ["Death Metal"],
  "Technical Death Metal": ["Death Metal"], "Brutal Death Metal": ["Death Metal"], "Black Metal": ["Metal"],
  "Symphonic Black Metal": ["Black Metal", "Symphonic Metal"], "Atmospheric Black Metal": ["Black Metal"],
  Blackgaze: ["Black Metal", "Shoegaze"], "Thrash Metal": ["Metal"], "Speed Metal": ["Metal"], "Power Metal": ["Metal"],
  "Doom Metal": ["Metal"], "Sludge Metal": ["Doom Metal"], "Drone Metal": ["Doom Metal", "Drone"],
  "Gothic Metal": ["Metal"], "Symphonic Metal": ["Metal"], "Progressive Metal": ["Metal", "Progressive Rock"],
  Djent: ["Progressive Metal"], "Alternative Metal": ["Metal", "Alternative"], "Nu Metal": ["Alternative Metal"],
  "Rap Metal": ["Metal", "Hip Hop"], "Funk Metal": ["Metal", "Funk"], "Industrial Metal": ["Metal", "Industrial"],
  "Folk Metal": ["Metal", "Folk"], "Viking Metal": ["Metal"], "Groove Metal": ["Metal"],
  "Glam Metal": ["Heavy Metal", "Glam Rock"], "New Wave of British Heavy Metal": ["Heavy Metal"],
  "Neoclassical Metal": ["Heavy Metal"], "Post-Metal": ["Metal", "Post-Rock"], "Christian Metal": ["Metal", "Christian Music"],
  // Pop
  Pop: [], "Dance-Pop": ["Pop", "Dance"], Synthpop: ["Electronic", "Pop"], Electropop: ["Electronic", "Pop"],
  "Teen Pop": ["Pop"], "Bubblegum Pop": ["Pop"], Europop: ["Pop"], Eurodance: ["Europop", "Dance"],
  "Art Pop": ["Pop"], "Baroque Pop": ["Pop"], "Chamber Pop": ["Pop"], "Sophisti-Pop": ["Pop"], "Sunshine Pop": ["Pop"],
  "Traditional Pop": ["Pop"], "Adult Contemporary": ["Pop"], "K-Pop": ["Pop"], "J-Pop": ["Pop"], "C-Pop": ["Pop"],
  Mandopop: ["C-Pop"], Cantopop: ["C-Pop"], "Latin Pop": ["Latin", "Pop"], "Folk Pop": ["Folk", "Pop"],
  "Country Pop": ["Country", "Pop"], Hyperpop: ["Pop", "Electronic"], "Bedroom Pop": ["Indie Pop"],
  "Twee Pop": ["Indie Pop"], "City Pop": ["Pop"], Schlager: ["Pop"], "Yé-yé": ["Pop"], Chanson: ["Pop"],
  "New Romantic": ["New Wave", "Synthpop"], Vocal: ["Pop"], "A Cappella": ["Vocal"], Barbershop: ["A Cappella"],
  "Pop Rap": ["Hip Hop", "Pop"], Cabaret: [],
  // Electronic and dance
  Electronic: [], Dance: [], EDM: ["Electronic", "Dance"], Ambient: ["Electronic"], "Dark Ambient": ["Ambient"],
  Chillout: ["Electronic"], Downtempo: ["Electronic"], "Trip Hop": ["Downtempo"], Chillwave: ["Electronic"],
  Vaporwave: ["Electronic"], Synthwave: ["Electronic"], Darksynth: ["Synthwave"], House: ["Electronic"],
  "Deep House": ["House"], "Tech House": ["House", "Techno"], "Progressive House": ["House"], "Acid House": ["House"],
  "Chicago House": ["House"], "Electro House": ["House", "Electro"], "Tropical House": ["House"],
  "Future House": ["House"], "Funky House": ["House"], "Soulful House": ["House"], "French House": ["House"],
  "Hip House": ["House", "Hip Hop"], "UK Garage": ["Electronic"], "Speed Garage": ["UK Garage", "House"],
  "2-Step": ["UK Garage"], "Future Garage": ["UK Garage"], Grime: ["Electronic", "Hip Hop"], Dubstep: ["Electronic"],
  Brostep: ["Dubstep"], "Bass Music": ["Electronic"], Techno: ["Electronic"], "Detroit Techno": ["Techno"],
  "Minimal Techno": ["Techno"], "Dub Techno": ["Techno"], "Industrial Techno": ["Techno", "Industrial"],
  Trance: ["Electronic"], "Progressive Trance": ["Trance"], "Uplifting Trance": ["Trance"], "Vocal Trance": ["Trance"],
  "Hard Trance": ["Trance"], Psytrance: ["Trance"], "Goa Trance": ["Psytrance"], Psybient: ["Ambient", "Psytrance"],
  "Drum and Bass": ["Electronic"], Jungle: ["Drum and Bass"], "Liquid Funk": ["Drum and Bass"],
  Neurofunk: ["Drum and Bass"], "Jump-Up": ["Drum and Bass"], Breakbeat: ["Electronic"], "Big Beat": ["Breakbeat"],
  Breakcore: ["Breakbeat"], "Nu Skool Breaks": ["Breakbeat"], "Hardcore Techno": ["Electronic"],
  Gabber: ["Hardcore Techno"], "Happy Hardcore": ["Hardcore Techno"], Terrorcore: ["Hardcore Techno"],
  Hardstyle: ["Electronic"], Electro: ["Electronic"], Electroclash: ["Electro"], IDM: ["Electronic"],
  Glitch: ["Electronic"], Leftfield: ["Electronic"], Illbient: ["Ambient", "Hip Hop"], Industrial: ["Electronic"], EBM: ["Industrial"], Futurepop: ["EBM", "Synthpop"],
  Darkwave: ["Electronic"], "Witch House": ["Electronic"], "Electro Swing": ["Electronic", "Swing"],
  Chiptune: ["Electronic"], "Future Bass": ["Electronic"], Moombahton: ["Electronic"], "Hi-NRG": ["Disco"],
  "Nu-Disco": ["Disco", "Electronic"], "Italo Disco": ["Disco", "Electronic"], Disco: ["Dance"],
  Freestyle: ["Dance"], "Post-Disco": ["Disco"], "Euro-Disco": ["Disco"], Italodance: ["Eurodance"],
  "Minimal Wave": ["Electronic"], Footwork: ["Electronic"], "Baltimore Club": ["Electronic"],
  "Jersey Club": ["Baltimore Club"], Kuduro: ["Electronic", "African Music"], "Power Electronics": ["Noise"], "Miami Bass": ["Hip Hop", "Electronic"],
  // Hip hop
  "Hip Hop": [], Trap: ["Hip Hop"], Drill: ["Trap"], "UK Drill": ["Drill"], "Latin Trap": ["Trap", "Latin"],
  "Gangsta Rap": ["Hip Hop"], "G-Funk": ["Gangsta Rap"], "West Coast Hip Hop": ["Hip Hop"],
  "East Coast Hip Hop": ["Hip Hop"], "Southern Hip Hop": ["Hip Hop"], Crunk: ["Southern Hip Hop"],
  "Boom Bap": ["Hip Hop"], "Conscious Hip Hop": ["Hip Hop"], "Alternative Hip Hop": ["Hip Hop"],
  "Abstract Hip Hop": ["Alternative Hip Hop"], "Jazz Rap": ["Hip Hop", "Jazz"], "Hardcore Hip Hop": ["Hip Hop"],
  Horrorcore: ["Hardcore Hip Hop"], "Cloud Rap": ["Hip Hop"], "Emo Rap": ["Hip Hop", "Emo"],
  "Christian Hip Hop": ["Hip Hop", "Christian Music"], "Instrumental Hip Hop": ["Hip Hop"],
  "Lo-Fi Hip Hop": ["Instrumental Hip Hop", "Lo-Fi"], Turntablism: ["Hip Hop"], "Old School Hip Hop": ["Hip Hop"],
  Phonk: ["Hip Hop"], Bounce: ["Southern Hip Hop"], Hyphy: ["West Coast Hip Hop"], "Chicano Rap": ["West Coast Hip Hop"],
  // Rhythm and blues, soul, funk
  "Rhythm and Blues": [], "Contemporary R&B": ["Rhythm and Blues"], "Alternative R&B": ["Contemporary R&B"],
  "New Jack Swing": ["Contemporary R&B", "Hip Hop"], "Quiet Storm": ["Contemporary R&B"], "Doo-Wop": ["Rhythm and Blues"],
  Soul: [], "Neo Soul": ["Soul", "Contemporary R&B"], "Northern Soul": ["Soul"], "Southern Soul": ["Soul"],
  "Philly Soul": ["Soul"], Motown: ["Soul"], "Psychedelic Soul": ["Soul"], "Blue-Eyed Soul": ["Soul"],
  Funk: [], "P-Funk": ["Funk"], "Jazz-Funk": ["Jazz", "Funk"], Boogie: ["Funk", "Disco"], "Go-Go": ["Funk"],
  Afrobeat: ["Funk", "African Music"],
  // Jazz
  Jazz: [], Bebop: ["Jazz"], "Hard Bop": ["Bebop"], "Post-Bop": ["Jazz"], "Cool Jazz": ["Jazz"], "Modal Jazz": ["Jazz"],
  "Free Jazz": ["Jazz"], "Avant-Garde Jazz": ["Jazz", "Avant-Garde"], Swing: ["Jazz"], "Big Band": ["Swing"],
  Dixieland: ["Jazz"], "Jazz Fusion": ["Jazz"], "Smooth Jazz": ["Jazz"], "Soul Jazz": ["Jazz", "Soul"],
  "Latin Jazz": ["Jazz", "Latin"], "Vocal Jazz": ["Jazz", "Vocal"], "Gypsy Jazz": ["Jazz"],
  "Contemporary Jazz": ["Jazz"], "Nu Jazz": ["Jazz", "Electronic"], "Acid Jazz": ["Jazz", "Funk"], Ragtime: ["Jazz"],
  "Spiritual Jazz": ["Jazz"], "Third Stream": ["Jazz", "Classical"], "Ethio-Jazz": ["Jazz", "African Music"],
  // Blues
  Blues: [], "Delta Blues": ["Blues"], "Electric Blues": ["Blues"], "Chicago Blues": ["Electric Blues"],
  "Country Blues": ["Blues"], "Texas Blues": ["Blues"], "Jump Blues": ["Blues", "Rhythm and Blues"],
  "Soul Blues": ["Blues", "Soul"], "Piano Blues": ["Blues"], "Harmonica Blues": ["Blues"], "Boogie-Woogie": ["Blues"], "Desert Blues": ["Blues", "African Music"],
  // Country
  Country: [], Bluegrass: ["Country"], "Honky Tonk": ["Country"], "Outlaw Country": ["Country"],
  "Alternative Country": ["Country", "Alternative"], Americana: ["Country", "Folk"], "Western Swing": ["Country", "Swing"],
  "Nashville Sound": ["Country"], "Bakersfield Sound": ["Country"], "Contemporary Country": ["Country"],
  // Folk
  Folk: [], "Contemporary Folk": ["Folk"], "Singer-Songwriter": [], "Anti-Folk": ["Folk"], "Freak Folk": ["Indie Folk"],
  "Psychedelic Folk": ["Folk"], Cajun: ["Folk"], Zydeco: ["Folk"], "Traditional Folk": ["Folk"], Celtic: ["Folk"], Neofolk: ["Folk"], Polka: ["Folk"],
  // Classical
  Classical: [], "Early Music": ["Classical"], Medieval: ["Early Music"], Renaissance: ["Early Music"],
  Baroque: ["Classical"], "Modern Classical": ["Classical"], "Contemporary Classical": ["Classical"],
  Minimalism: ["Contemporary Classical"], Neoclassical: ["Classical"], Opera: ["Classical"], Operetta: ["Opera"],
  "Chamber Music": ["Classical"], Choral: ["Classical"], Orchestral: ["Classical"],
  // Reggae and the Caribbean
  Reggae: [], "Roots Reggae": ["Reggae"], Dub: ["Reggae"], Dancehall: ["Reggae"], Ragga: ["Dancehall"],
  Ska: ["Reggae"], "2 Tone": ["Ska"], Rocksteady: ["Reggae"], "Lovers Rock": ["Reggae"], Calypso: ["World Music"],
  Soca: ["Calypso"], Zouk: ["World Music"],
  // Latin
  Latin: [], Salsa: ["Latin"], Merengue: ["Latin"], Bachata: ["Latin"], Cumbia: ["Latin"], Reggaeton: ["Latin"],
  Tango: ["Latin"], Samba: ["Latin"], "Bossa Nova": ["Latin", "Jazz"], MPB: ["Latin"], Mambo: ["Latin"],
  Rumba: ["Latin"], "Son Cubano": ["Latin"], Bolero: ["Latin"], "Regional Mexican": ["Latin"],
  Mariachi: ["Regional Mexican"], Norteño: ["Regional Mexican"], Banda: ["Regional Mexican"],
  Tejano: ["Regional Mexican"], Dembow: ["Reggaeton"], "Andean Music": ["Latin", "World Music"], Corrido: ["Regional Mexican"], Forró: ["Latin"], "Baile Funk": ["Latin", "Hip Hop"],
  // World
  "World Music": [], Worldbeat: ["World Music"], "African Music": ["World Music"], Afrobeats: ["African Music", "Pop"],
  Highlife: ["African Music"], Soukous: ["African Music"], Amapiano: ["African Music", "House"],
  "Arabic Music": ["World Music"], Raï: ["Arabic Music"], Qawwali: ["World Music"],
  "Indian Classical": ["World Music", "Classical"], Hindustani: ["Indian Classical"], Carnatic: ["Indian Classical"],
  Filmi: ["World Music", "Soundtrack"], Bhangra: ["World Music"], Gamelan: ["World Music"], Klezmer: ["World Music"],
  Flamenco: ["World Music"], Rebetiko: ["World Music"], Laïkó: ["World Music"], Éntekhno: ["World Music"], Fado: ["World Music"], "Native American Music": ["World Music"],
  // Experimental
  Experimental: [], "Avant-Garde": ["Experimental"], Noise: ["Experimental"], "Harsh Noise": ["Noise"],
  Drone: ["Experimental"], "Musique Concrète": ["Experimental"], "Free Improvisation": ["Experimental"],
  Plunderphonics: ["Experimental"],
  // Stage, screen, functional and spoken
  Soundtrack: [], "Film Score": ["Soundtrack"], "Video Game Music": ["Soundtrack"], Anime: ["Soundtrack"],
  Musical: [], "Easy Listening": [], Lounge: ["Easy Listening"], Exotica: ["Easy Listening"],
  "Space Age Pop": ["Easy Listening"], "New Age": [], "Christian Music": [], Gospel: ["Christian Music"],
  "Southern Gospel": ["Gospel"], "Contemporary Christian": ["Christian Music", "Pop"], Worship: ["Christian Music"],
  "Children's Music": [], Comedy: [], "Spoken Word": [], Audiobook: ["Spoken Word"], "Audio Drama": ["Spoken Word"],
  Podcast: ["Spoken Word"], Poetry: ["Spoken Word"], "Holiday Music": [], "Christmas Music": ["Holiday Music"],
  "Military Music": [], "Brass Band": [], Novelty: [], "Field Recording": [], "Religious Music": [],
  Vocaloid: ["J-Pop"],
};
