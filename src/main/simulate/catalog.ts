/**
 * The simulator's fixed vocabulary: offices, names, the organisation's structure, web domains by
 * category, and the words its files and messages are made of. Domains are real, well-known sites
 * so the app's shipped domain lists meet what they would meet in production.
 */
import type { TimeZoneName } from './calendar';

/** The organisation's own e-mail and web domain. */
export const ORGANISATION_DOMAIN = 'northwindtraders.com';
/** The organisation's NetBIOS domain (alert evidence). */
export const ORGANISATION_NETBIOS = 'NORTHWIND';
/** SharePoint host of the organisation. */
export const SHAREPOINT_HOST = 'northwindtraders.sharepoint.com';
/** OneDrive host of the organisation. */
export const ONEDRIVE_HOST = 'northwindtraders-my.sharepoint.com';

/** Name pools by cultural group. */
export type NameGroup = 'english' | 'german' | 'french' | 'dutch' | 'polish' | 'spanish' | 'portuguese' | 'japanese' | 'indian' | 'chinese';

/** One office: where people sit, their zone, languages and the names most of them carry. */
export interface Office {
  city: string;
  country: string;
  countryCode: string;
  region: 'AMER' | 'EMEA' | 'APAC';
  timeZone: TimeZoneName;
  languages: readonly (readonly [string, number])[];
  names: readonly (readonly [NameGroup, number])[];
  weight: number;
  /** Public egress address prefix of the office network (documentation ranges). */
  egress: string;
  state: string;
  postcode: string;
  street: string;
}

/** The offices people are spread over. */
export const OFFICES: readonly Office[] = [
  { city: 'New York', country: 'United States', countryCode: 'US', region: 'AMER', timeZone: 'America/New_York', languages: [['en-US', 9], ['es-US', 1]], names: [['english', 7], ['spanish', 1], ['indian', 1], ['chinese', 1]], weight: 13, egress: '198.51.100.', state: 'NY', postcode: '10017', street: '405 Lexington Avenue' },
  { city: 'Chicago', country: 'United States', countryCode: 'US', region: 'AMER', timeZone: 'America/Chicago', languages: [['en-US', 1]], names: [['english', 7], ['polish', 1], ['spanish', 1], ['indian', 1]], weight: 8, egress: '198.51.100.', state: 'IL', postcode: '60606', street: '233 South Wacker Drive' },
  { city: 'San Francisco', country: 'United States', countryCode: 'US', region: 'AMER', timeZone: 'America/Los_Angeles', languages: [['en-US', 1]], names: [['english', 5], ['chinese', 2], ['indian', 2], ['spanish', 1]], weight: 7, egress: '198.51.100.', state: 'CA', postcode: '94105', street: '101 Mission Street' },
  { city: 'Toronto', country: 'Canada', countryCode: 'CA', region: 'AMER', timeZone: 'America/Toronto', languages: [['en-CA', 4], ['fr-CA', 1]], names: [['english', 6], ['french', 1], ['chinese', 1], ['indian', 1]], weight: 5, egress: '198.51.100.', state: 'ON', postcode: 'M5J 2N8', street: '200 Bay Street' },
  { city: 'São Paulo', country: 'Brazil', countryCode: 'BR', region: 'AMER', timeZone: 'America/Sao_Paulo', languages: [['pt-BR', 1]], names: [['portuguese', 8], ['spanish', 1], ['japanese', 1]], weight: 4, egress: '198.51.100.', state: 'SP', postcode: '04538-133', street: 'Avenida Brigadeiro Faria Lima 3477' },
  { city: 'London', country: 'United Kingdom', countryCode: 'GB', region: 'EMEA', timeZone: 'Europe/London', languages: [['en-GB', 1]], names: [['english', 7], ['indian', 1], ['polish', 1], ['french', 1]], weight: 12, egress: '192.0.2.', state: '', postcode: 'EC2M 4AA', street: '1 Finsbury Avenue' },
  { city: 'Munich', country: 'Germany', countryCode: 'DE', region: 'EMEA', timeZone: 'Europe/Berlin', languages: [['de-DE', 9], ['en-GB', 1]], names: [['german', 8], ['polish', 1], ['english', 1]], weight: 8, egress: '192.0.2.', state: 'BY', postcode: '80335', street: 'Bayerstraße 71' },
  { city: 'Paris', country: 'France', countryCode: 'FR', region: 'EMEA', timeZone: 'Europe/Paris', languages: [['fr-FR', 1]], names: [['french', 8], ['spanish', 1], ['english', 1]], weight: 6, egress: '192.0.2.', state: 'IDF', postcode: '75008', street: '40 Rue de Courcelles' },
  { city: 'Amsterdam', country: 'Netherlands', countryCode: 'NL', region: 'EMEA', timeZone: 'Europe/Amsterdam', languages: [['nl-NL', 7], ['en-GB', 3]], names: [['dutch', 7], ['english', 2], ['german', 1]], weight: 4, egress: '192.0.2.', state: 'NH', postcode: '1082 MD', street: 'Gustav Mahlerlaan 10' },
  { city: 'Warsaw', country: 'Poland', countryCode: 'PL', region: 'EMEA', timeZone: 'Europe/Warsaw', languages: [['pl-PL', 1]], names: [['polish', 9], ['english', 1]], weight: 5, egress: '192.0.2.', state: 'MZ', postcode: '00-844', street: 'Grzybowska 62' },
  { city: 'Madrid', country: 'Spain', countryCode: 'ES', region: 'EMEA', timeZone: 'Europe/Madrid', languages: [['es-ES', 1]], names: [['spanish', 9], ['english', 1]], weight: 3, egress: '192.0.2.', state: 'MD', postcode: '28046', street: 'Paseo de la Castellana 95' },
  { city: 'Singapore', country: 'Singapore', countryCode: 'SG', region: 'APAC', timeZone: 'Asia/Singapore', languages: [['en-SG', 7], ['zh-SG', 3]], names: [['chinese', 6], ['indian', 2], ['english', 2]], weight: 6, egress: '203.0.113.', state: '', postcode: '018983', street: '10 Marina Boulevard, Tower 2' },
  { city: 'Tokyo', country: 'Japan', countryCode: 'JP', region: 'APAC', timeZone: 'Asia/Tokyo', languages: [['ja-JP', 1]], names: [['japanese', 9], ['english', 1]], weight: 5, egress: '203.0.113.', state: 'Tokyo', postcode: '100-0005', street: '2-7-2 Marunouchi, Chiyoda-ku' },
  { city: 'Sydney', country: 'Australia', countryCode: 'AU', region: 'APAC', timeZone: 'Australia/Sydney', languages: [['en-AU', 1]], names: [['english', 7], ['chinese', 2], ['indian', 1]], weight: 4, egress: '203.0.113.', state: 'NSW', postcode: '2000', street: '1 Farrer Place' },
  { city: 'Bengaluru', country: 'India', countryCode: 'IN', region: 'APAC', timeZone: 'Asia/Kolkata', languages: [['en-IN', 1]], names: [['indian', 1]], weight: 9, egress: '203.0.113.', state: 'KA', postcode: '560103', street: 'Outer Ring Road, Bellandur' },
];

/** First names and family names per group; first names alternate male and female, so a middle name is taken from the same parity. */
export const NAMES: Record<NameGroup, { first: readonly string[]; last: readonly string[] }> = {
  english: {
    first: ['James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth', 'William', 'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Christopher', 'Karen', 'Daniel', 'Lisa', 'Matthew', 'Nancy', 'Anthony', 'Sandra', 'Mark', 'Ashley', 'Steven', 'Emily', 'Andrew', 'Michelle', 'Joshua', 'Amanda', 'Kevin', 'Melissa', 'Brian', 'Rebecca', 'George', 'Laura', 'Timothy', 'Hannah', 'Ryan', 'Olivia', 'Jacob', 'Sophie', 'Nicholas', 'Chloe', 'Liam', 'Zoë', 'Oliver', 'Grace', 'Harry', 'Amelia', 'Callum', 'Isla', 'Connor', 'Megan', 'Ethan', 'Abigail'],
    last: ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Miller', 'Davis', 'Wilson', 'Anderson', 'Taylor', 'Thomas', 'Moore', 'Jackson', 'Martin', 'Thompson', 'White', 'Harris', 'Clark', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Hill', 'Green', 'Adams', 'Baker', 'Nelson', 'Carter', 'Mitchell', 'Roberts', 'Turner', 'Phillips', 'Campbell', 'Parker', 'Evans', 'Edwards', 'Collins', 'Stewart', 'Morris', 'Murphy', 'Cook', 'Rogers', 'Morgan', 'Cooper', 'Peterson', 'Reed', 'Bailey', 'Bell', 'Kelly', 'Howard', 'Ward', 'Cox', 'Richardson', 'Wood', 'Watson', 'Brooks', 'Bennett', 'Gray', 'Hughes', 'Price', 'Sanders', "O'Brien", 'McAllister', 'Fitzgerald', 'Sullivan', 'Hayes'],
  },
  german: {
    first: ['Lukas', 'Anna', 'Felix', 'Lena', 'Jonas', 'Lea', 'Maximilian', 'Hannah', 'Leon', 'Sophie', 'Paul', 'Marie', 'Tobias', 'Katharina', 'Florian', 'Julia', 'Sebastian', 'Laura', 'Matthias', 'Sabine', 'Jürgen', 'Birgit', 'Stefan', 'Ursula', 'Andreas', 'Petra', 'Markus', 'Bärbel', 'Jörg', 'Claudia'],
    last: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann', 'Schäfer', 'Koch', 'Bauer', 'Richter', 'Klein', 'Wolf', 'Schröder', 'Neumann', 'Schwarz', 'Zimmermann', 'Braun', 'Krüger', 'Hofmann', 'Hartmann', 'Lange', 'Schmitt', 'Werner', 'Krause', 'Meier', 'Lehmann', 'Groß', 'Kühn'],
  },
  french: {
    first: ['Louis', 'Camille', 'Hugo', 'Léa', 'Lucas', 'Chloé', 'Jules', 'Manon', 'Gabriel', 'Inès', 'Arthur', 'Clémence', 'Théo', 'Juliette', 'Nathan', 'Élodie', 'Antoine', 'Margaux', 'Mathieu', 'Hélène', 'Julien', 'Céline', 'François', 'Amélie', 'Pierre', 'Aurélie', 'Benoît', 'Noémie'],
    last: ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent', 'Lefèvre', 'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier', 'Morel', 'Girard', 'André', 'Lefebvre', 'Mercier', 'Dupont', 'Lambert', 'Bonnet', 'François', 'Martinez'],
  },
  dutch: {
    first: ['Daan', 'Emma', 'Sem', 'Julia', 'Lucas', 'Mila', 'Levi', 'Tess', 'Finn', 'Sophie', 'Bram', 'Fenna', 'Ruben', 'Anouk', 'Thijs', 'Sanne', 'Jeroen', 'Marieke', 'Pieter', 'Femke'],
    last: ['de Jong', 'Jansen', 'de Vries', 'van den Berg', 'van Dijk', 'Bakker', 'Janssen', 'Visser', 'Smit', 'Meijer', 'de Boer', 'Mulder', 'de Groot', 'Bos', 'Vos', 'Peters', 'Hendriks', 'van Leeuwen', 'Dekker', 'Brouwer'],
  },
  polish: {
    first: ['Jakub', 'Zuzanna', 'Antoni', 'Julia', 'Jan', 'Maja', 'Szymon', 'Zofia', 'Filip', 'Hanna', 'Łukasz', 'Agnieszka', 'Paweł', 'Katarzyna', 'Tomasz', 'Małgorzata', 'Krzysztof', 'Magdalena', 'Piotr', 'Joanna', 'Michał', 'Ewa'],
    last: ['Nowak', 'Kowalski', 'Wiśniewski', 'Wójcik', 'Kowalczyk', 'Kamiński', 'Lewandowski', 'Zieliński', 'Szymański', 'Woźniak', 'Dąbrowski', 'Kozłowski', 'Jankowski', 'Mazur', 'Kwiatkowski', 'Krawczyk', 'Piotrowski', 'Grabowski', 'Nowakowski', 'Pawłowski'],
  },
  spanish: {
    first: ['Hugo', 'Lucía', 'Martín', 'Sofía', 'Pablo', 'María', 'Alejandro', 'Paula', 'Daniel', 'Valeria', 'José', 'Carmen', 'Javier', 'Ana', 'Sergio', 'Elena', 'Diego', 'Marta', 'Álvaro', 'Irene', 'Raúl', 'Nuria', 'Andrés', 'Begoña'],
    last: ['García', 'Rodríguez', 'González', 'Fernández', 'López', 'Martínez', 'Sánchez', 'Pérez', 'Gómez', 'Martín', 'Jiménez', 'Ruiz', 'Hernández', 'Díaz', 'Moreno', 'Muñoz', 'Álvarez', 'Romero', 'Alonso', 'Gutiérrez', 'Navarro', 'Torres', 'Domínguez', 'Vázquez'],
  },
  portuguese: {
    first: ['Miguel', 'Alice', 'Arthur', 'Sophia', 'Heitor', 'Helena', 'Bernardo', 'Valentina', 'Davi', 'Laura', 'João', 'Isabela', 'Gustavo', 'Manuela', 'Rafael', 'Júlia', 'Thiago', 'Beatriz', 'Lucas', 'Luíza'],
    last: ['Silva', 'Santos', 'Oliveira', 'Souza', 'Rodrigues', 'Ferreira', 'Alves', 'Pereira', 'Lima', 'Gomes', 'Costa', 'Ribeiro', 'Martins', 'Carvalho', 'Almeida', 'Lopes', 'Sousa', 'Fernandes', 'Vieira', 'Gonçalves'],
  },
  japanese: {
    first: ['Haruto', 'Yui', 'Sota', 'Hina', 'Yuto', 'Aoi', 'Riku', 'Sakura', 'Kaito', 'Yuna', 'Takumi', 'Mei', 'Hiroshi', 'Yoko', 'Kenji', 'Naoko', 'Takeshi', 'Keiko', 'Daichi', 'Emi'],
    last: ['Sato', 'Suzuki', 'Takahashi', 'Tanaka', 'Watanabe', 'Ito', 'Yamamoto', 'Nakamura', 'Kobayashi', 'Kato', 'Yoshida', 'Yamada', 'Sasaki', 'Yamaguchi', 'Matsumoto', 'Inoue', 'Kimura', 'Hayashi', 'Shimizu', 'Saito'],
  },
  indian: {
    first: ['Aarav', 'Priya', 'Vivaan', 'Ananya', 'Aditya', 'Diya', 'Arjun', 'Isha', 'Rohan', 'Kavya', 'Rahul', 'Neha', 'Vikram', 'Pooja', 'Sanjay', 'Lakshmi', 'Karthik', 'Meera', 'Suresh', 'Divya', 'Amit', 'Sneha', 'Rajesh', 'Anjali'],
    last: ['Sharma', 'Verma', 'Gupta', 'Patel', 'Reddy', 'Iyer', 'Nair', 'Rao', 'Kumar', 'Singh', 'Menon', 'Joshi', 'Mehta', 'Chopra', 'Banerjee', 'Mukherjee', 'Pillai', 'Krishnan', 'Desai', 'Kulkarni', 'Srinivasan', 'Agarwal'],
  },
  chinese: {
    first: ['Wei', 'Mei Ling', 'Jun', 'Xiu Ying', 'Hao', 'Li Na', 'Ming', 'Hui Min', 'Jian', 'Yan', 'Kai', 'Shu Fen', 'Zhi Hao', 'Jia Hui', 'Chen', 'Wen', 'Yong', 'Xin Yi', 'Boon Keng', 'Siew Ling'],
    last: ['Tan', 'Lim', 'Lee', 'Ng', 'Ong', 'Wong', 'Goh', 'Chua', 'Chan', 'Koh', 'Teo', 'Ang', 'Yeo', 'Tay', 'Ho', 'Low', 'Toh', 'Sim', 'Chong', 'Wang', 'Zhang', 'Liu', 'Chen', 'Huang'],
  },
};

/** How a department behaves by default; habits of its people are drawn around these values. */
export interface DepartmentProfile {
  department: string;
  functionalUnit: string;
  businessUnit: string;
  weight: number;
  roles: readonly (readonly [string, string])[];
  /** Share of sent mail that goes outside the organisation. */
  externalMail: number;
  /** Share of people who use USB media for their work. */
  usbUsers: number;
  /** Share of people who legitimately upload to third-party file sharing (agencies, customers). */
  cloudUploaders: number;
  /** Share of people on shift work, on shared floor PCs. */
  shiftWorkers: number;
  /** Multiplier of web browsing, printing and SharePoint volumes. */
  web: number;
  print: number;
  sharepoint: number;
  /** Share of people who share files with external parties from SharePoint. */
  externalSharers: number;
  /** Sites this department uses for its work, besides the general ones. */
  sites: readonly string[];
  /** SharePoint site of the department. */
  site: string;
  /** Subjects of its documents (file names are built from them). */
  documents: readonly string[];
}

/** The organisation's departments, grouped into functional and business units. */
export const DEPARTMENTS: readonly DepartmentProfile[] = [
  { department: 'Software Engineering', functionalUnit: 'Research and Development', businessUnit: 'Industrial Products', weight: 12, roles: [['SoftwareEngineer', 'Software Engineer'], ['DevOpsEngineer', 'DevOps Engineer'], ['DataScientist', 'Data Scientist']], externalMail: 0.03, usbUsers: 0.1, cloudUploaders: 0.02, shiftWorkers: 0, web: 1.3, print: 0.3, sharepoint: 1, externalSharers: 0.02, sites: ['github.com', 'stackoverflow.com', 'learn.microsoft.com', 'npmjs.com', 'pypi.org', 'docker.com', 'atlassian.net', 'aws.amazon.com'], site: 'Engineering', documents: ['design spec', 'architecture overview', 'API reference', 'release plan', 'test report', 'source snapshot', 'build configuration', 'sprint notes', 'incident postmortem'] },
  { department: 'Hardware Engineering', functionalUnit: 'Research and Development', businessUnit: 'Industrial Products', weight: 6, roles: [['ElectricalEngineer', 'Electrical Engineer'], ['MechanicalEngineer', 'Mechanical Engineer'], ['FirmwareEngineer', 'Firmware Engineer']], externalMail: 0.06, usbUsers: 0.45, cloudUploaders: 0.02, shiftWorkers: 0, web: 1, print: 0.8, sharepoint: 1, externalSharers: 0.03, sites: ['digikey.com', 'mouser.com', 'arrow.com', 'ti.com', 'analog.com', 'autodesk.com', 'github.com'], site: 'HardwareLab', documents: ['schematic', 'PCB layout', 'bill of materials', 'firmware image', 'test fixture drawing', 'CAD model', 'validation report'] },
  { department: 'Product Management', functionalUnit: 'Research and Development', businessUnit: 'Industrial Products', weight: 4, roles: [['ProductManager', 'Product Manager'], ['ProductOwner', 'Product Owner']], externalMail: 0.1, usbUsers: 0.03, cloudUploaders: 0.03, shiftWorkers: 0, web: 1.1, print: 0.6, sharepoint: 1.3, externalSharers: 0.05, sites: ['atlassian.net', 'productboard.com', 'gartner.com', 'figma.com', 'miro.com'], site: 'ProductManagement', documents: ['product roadmap', 'market requirements', 'competitive analysis', 'pricing model', 'customer interview notes', 'launch plan'] },
  { department: 'Quality Assurance', functionalUnit: 'Research and Development', businessUnit: 'Industrial Products', weight: 4, roles: [['QualityEngineer', 'Quality Engineer'], ['TestEngineer', 'Test Engineer']], externalMail: 0.04, usbUsers: 0.15, cloudUploaders: 0.01, shiftWorkers: 0, web: 0.9, print: 0.7, sharepoint: 1, externalSharers: 0.01, sites: ['iso.org', 'atlassian.net', 'learn.microsoft.com'], site: 'Quality', documents: ['audit checklist', 'nonconformance report', 'test plan', 'inspection record', 'supplier quality report'] },
  { department: 'Enterprise Sales', functionalUnit: 'Sales and Marketing', businessUnit: 'Commercial', weight: 7, roles: [['AccountExecutive', 'Account Executive'], ['SalesEngineer', 'Sales Engineer'], ['SalesOperationsAnalyst', 'Sales Operations Analyst']], externalMail: 0.35, usbUsers: 0.05, cloudUploaders: 0.05, shiftWorkers: 0, web: 1, print: 0.8, sharepoint: 1.1, externalSharers: 0.35, sites: ['salesforce.com', 'linkedin.com', 'zoominfo.com', 'docusign.com', 'gong.io'], site: 'Sales', documents: ['customer proposal', 'price quote', 'pipeline report', 'account plan', 'customer list', 'contract draft', 'discount approval'] },
  { department: 'Channel Sales', functionalUnit: 'Sales and Marketing', businessUnit: 'Commercial', weight: 3, roles: [['PartnerManager', 'Partner Manager'], ['ChannelAccountManager', 'Channel Account Manager']], externalMail: 0.4, usbUsers: 0.05, cloudUploaders: 0.08, shiftWorkers: 0, web: 1, print: 0.6, sharepoint: 1, externalSharers: 0.3, sites: ['salesforce.com', 'linkedin.com', 'docusign.com'], site: 'Partners', documents: ['partner agreement', 'deal registration', 'partner price list', 'rebate report', 'partner scorecard'] },
  { department: 'Marketing', functionalUnit: 'Sales and Marketing', businessUnit: 'Commercial', weight: 4, roles: [['MarketingSpecialist', 'Marketing Specialist'], ['ContentDesigner', 'Content Designer'], ['EventManager', 'Event Manager']], externalMail: 0.25, usbUsers: 0.15, cloudUploaders: 0.3, shiftWorkers: 0, web: 1.4, print: 0.8, sharepoint: 1, externalSharers: 0.2, sites: ['hubspot.com', 'canva.com', 'adobe.com', 'linkedin.com', 'facebook.com', 'instagram.com', 'youtube.com', 'vimeo.com'], site: 'Marketing', documents: ['campaign brief', 'brand guidelines', 'event budget', 'press release draft', 'web analytics report', 'lead list'] },
  { department: 'Customer Success', functionalUnit: 'Sales and Marketing', businessUnit: 'Commercial', weight: 4, roles: [['CustomerSuccessManager', 'Customer Success Manager'], ['SupportEngineer', 'Support Engineer']], externalMail: 0.3, usbUsers: 0.04, cloudUploaders: 0.05, shiftWorkers: 0, web: 1, print: 0.4, sharepoint: 1, externalSharers: 0.15, sites: ['zendesk.com', 'salesforce.com', 'servicenow.com'], site: 'CustomerSuccess', documents: ['renewal forecast', 'escalation summary', 'health score report', 'onboarding plan', 'support case export'] },
  { department: 'Manufacturing', functionalUnit: 'Operations', businessUnit: 'Industrial Products', weight: 10, roles: [['ProductionTechnician', 'Production Technician'], ['ProcessEngineer', 'Process Engineer'], ['ProductionLineWorker', 'Production Line Operator']], externalMail: 0.03, usbUsers: 0.25, cloudUploaders: 0, shiftWorkers: 0.55, web: 0.5, print: 1.2, sharepoint: 0.6, externalSharers: 0, sites: ['siemens.com', 'rockwellautomation.com'], site: 'Manufacturing', documents: ['work instruction', 'production schedule', 'machine settings', 'shift report', 'scrap report', 'maintenance log'] },
  { department: 'Supply Chain', functionalUnit: 'Operations', businessUnit: 'Industrial Products', weight: 4, roles: [['SupplyPlanner', 'Supply Planner'], ['Buyer', 'Buyer']], externalMail: 0.3, usbUsers: 0.04, cloudUploaders: 0.02, shiftWorkers: 0, web: 0.9, print: 1, sharepoint: 1, externalSharers: 0.1, sites: ['sap.com', 'alibaba.com', 'maersk.com', 'dhl.com'], site: 'SupplyChain', documents: ['supplier list', 'purchase forecast', 'inventory report', 'supplier contract', 'freight quote'] },
  { department: 'Logistics', functionalUnit: 'Operations', businessUnit: 'Industrial Products', weight: 3, roles: [['LogisticsCoordinator', 'Logistics Coordinator'], ['WarehouseAssociate', 'Warehouse Associate']], externalMail: 0.25, usbUsers: 0.05, cloudUploaders: 0, shiftWorkers: 0.45, web: 0.6, print: 1.3, sharepoint: 0.6, externalSharers: 0.02, sites: ['dhl.com', 'fedex.com', 'ups.com', 'maersk.com'], site: 'Logistics', documents: ['shipping manifest', 'delivery schedule', 'customs declaration', 'carrier rates'] },
  { department: 'Facilities', functionalUnit: 'Operations', businessUnit: 'Corporate Services', weight: 2, roles: [['FacilitiesCoordinator', 'Facilities Coordinator'], ['Receptionist', 'Receptionist']], externalMail: 0.2, usbUsers: 0.05, cloudUploaders: 0, shiftWorkers: 0.3, web: 0.8, print: 1, sharepoint: 0.5, externalSharers: 0.02, sites: ['servicenow.com', 'iss-world.com'], site: 'Facilities', documents: ['floor plan', 'visitor log', 'maintenance request', 'badge access list'] },
  { department: 'Accounting', functionalUnit: 'Finance', businessUnit: 'Corporate Services', weight: 4, roles: [['Accountant', 'Accountant'], ['AccountsPayableClerk', 'Accounts Payable Specialist']], externalMail: 0.1, usbUsers: 0.02, cloudUploaders: 0, shiftWorkers: 0, web: 0.8, print: 1.8, sharepoint: 1.4, externalSharers: 0.03, sites: ['sap.com', 'concur.com', 'ifrs.org', 'xe.com'], site: 'Finance', documents: ['general ledger export', 'month-end close checklist', 'invoice register', 'bank reconciliation', 'audit evidence'] },
  { department: 'Financial Planning', functionalUnit: 'Finance', businessUnit: 'Corporate Services', weight: 2, roles: [['FinancialAnalyst', 'Financial Analyst']], externalMail: 0.06, usbUsers: 0.02, cloudUploaders: 0, shiftWorkers: 0, web: 0.9, print: 1.4, sharepoint: 1.5, externalSharers: 0.02, sites: ['bloomberg.com', 'ft.com', 'reuters.com', 'xe.com'], site: 'Finance', documents: ['quarterly forecast', 'budget model', 'board financials', 'headcount plan', 'cash flow projection'] },
  { department: 'Procurement', functionalUnit: 'Finance', businessUnit: 'Corporate Services', weight: 2, roles: [['ProcurementSpecialist', 'Procurement Specialist']], externalMail: 0.4, usbUsers: 0.02, cloudUploaders: 0.02, shiftWorkers: 0, web: 0.9, print: 1, sharepoint: 1, externalSharers: 0.1, sites: ['sap.com', 'coupa.com', 'docusign.com'], site: 'Procurement', documents: ['vendor comparison', 'purchase order', 'tender evaluation', 'framework agreement'] },
  { department: 'Recruiting', functionalUnit: 'Human Resources', businessUnit: 'Corporate Services', weight: 2, roles: [['Recruiter', 'Recruiter'], ['TalentSourcer', 'Talent Sourcer']], externalMail: 0.4, usbUsers: 0.02, cloudUploaders: 0.02, shiftWorkers: 0, web: 1.2, print: 0.6, sharepoint: 1, externalSharers: 0.05, sites: ['linkedin.com', 'indeed.com', 'glassdoor.com', 'workday.com', 'greenhouse.io'], site: 'HR', documents: ['candidate shortlist', 'interview schedule', 'offer letter', 'job description', 'hiring plan'] },
  { department: 'People Operations', functionalUnit: 'Human Resources', businessUnit: 'Corporate Services', weight: 2, roles: [['HRBusinessPartner', 'HR Business Partner'], ['HRSpecialist', 'HR Specialist']], externalMail: 0.1, usbUsers: 0.02, cloudUploaders: 0, shiftWorkers: 0, web: 0.9, print: 1, sharepoint: 1.2, externalSharers: 0.02, sites: ['workday.com', 'shrm.org', 'cipd.org'], site: 'HR', documents: ['salary review', 'performance calibration', 'org chart', 'employee relations case', 'benefits summary'] },
  { department: 'Payroll', functionalUnit: 'Human Resources', businessUnit: 'Corporate Services', weight: 1, roles: [['PayrollSpecialist', 'Payroll Specialist']], externalMail: 0.15, usbUsers: 0.02, cloudUploaders: 0, shiftWorkers: 0, web: 0.7, print: 1.2, sharepoint: 1.3, externalSharers: 0.02, sites: ['adp.com', 'workday.com'], site: 'HR', documents: ['payroll register', 'tax filing', 'bonus payout', 'pension contributions'] },
  { department: 'IT Support', functionalUnit: 'Information Technology', businessUnit: 'Corporate Services', weight: 4, roles: [['ITSupportTechnician', 'IT Support Technician'], ['ITAdmin', 'Desktop Administrator']], externalMail: 0.05, usbUsers: 0.5, cloudUploaders: 0.02, shiftWorkers: 0, web: 1.1, print: 0.4, sharepoint: 0.8, externalSharers: 0.01, sites: ['servicenow.com', 'learn.microsoft.com', 'dell.com', 'lenovo.com', 'techcommunity.microsoft.com'], site: 'IT', documents: ['asset inventory', 'imaging guide', 'ticket export', 'licence report', 'laptop refresh plan'] },
  { department: 'Infrastructure', functionalUnit: 'Information Technology', businessUnit: 'Corporate Services', weight: 3, roles: [['SystemsEngineer', 'Systems Engineer'], ['NetworkEngineer', 'Network Engineer'], ['ITAdmin', 'Systems Administrator']], externalMail: 0.05, usbUsers: 0.3, cloudUploaders: 0.02, shiftWorkers: 0, web: 1.2, print: 0.3, sharepoint: 0.9, externalSharers: 0.01, sites: ['learn.microsoft.com', 'cisco.com', 'vmware.com', 'aws.amazon.com', 'azure.microsoft.com', 'github.com', 'serverfault.com'], site: 'IT', documents: ['network diagram', 'firewall rules', 'backup report', 'server inventory', 'change request', 'runbook'] },
  { department: 'Information Security', functionalUnit: 'Information Technology', businessUnit: 'Corporate Services', weight: 1.5, roles: [['SecurityAnalyst', 'Security Analyst'], ['SecurityEngineer', 'Security Engineer']], externalMail: 0.05, usbUsers: 0.3, cloudUploaders: 0.01, shiftWorkers: 0, web: 1.3, print: 0.3, sharepoint: 0.9, externalSharers: 0.01, sites: ['learn.microsoft.com', 'mitre.org', 'cisa.gov', 'nist.gov', 'virustotal.com', 'krebsonsecurity.com', 'bleepingcomputer.com', 'github.com', 'nmap.org', 'kali.org', 'portswigger.net'], site: 'Security', documents: ['vulnerability report', 'penetration test findings', 'incident report', 'risk register', 'access review'] },
  { department: 'Legal', functionalUnit: 'Legal and Compliance', businessUnit: 'Corporate Services', weight: 1.5, roles: [['Counsel', 'Legal Counsel'], ['Paralegal', 'Paralegal']], externalMail: 0.3, usbUsers: 0.02, cloudUploaders: 0.02, shiftWorkers: 0, web: 0.9, print: 2, sharepoint: 1.3, externalSharers: 0.1, sites: ['westlaw.com', 'lexisnexis.com', 'eur-lex.europa.eu', 'uspto.gov', 'docusign.com'], site: 'Legal', documents: ['contract redline', 'patent application draft', 'litigation hold notice', 'NDA', 'M&A target shortlist'] },
  { department: 'Compliance', functionalUnit: 'Legal and Compliance', businessUnit: 'Corporate Services', weight: 1, roles: [['ComplianceOfficer', 'Compliance Officer']], externalMail: 0.1, usbUsers: 0.02, cloudUploaders: 0, shiftWorkers: 0, web: 0.9, print: 1.2, sharepoint: 1.2, externalSharers: 0.02, sites: ['sec.gov', 'fca.org.uk', 'iso.org', 'nist.gov'], site: 'Compliance', documents: ['policy attestation', 'export control screening', 'training completion report', 'whistleblower log'] },
];

/** The executive office (the chief executive and their assistants). */
export const EXECUTIVE_OFFICE: DepartmentProfile = {
  department: 'Executive Office', functionalUnit: 'Executive', businessUnit: 'Corporate Services', weight: 0, roles: [['ExecutiveAssistant', 'Executive Assistant']], externalMail: 0.2, usbUsers: 0.02, cloudUploaders: 0, shiftWorkers: 0, web: 1, print: 1, sharepoint: 1.2, externalSharers: 0.1, sites: ['bloomberg.com', 'ft.com', 'wsj.com', 'economist.com'], site: 'Leadership', documents: ['board deck', 'strategy memo', 'acquisition memo', 'leadership offsite agenda'],
};

/** Job levels, lowest first, as an HR system writes them. */
export const LEVELS = ['Level 57 - Associate', 'Level 58 - Analyst', 'Level 59 - Professional', 'Level 60 - Senior Professional', 'Level 61 - Manager', 'Level 62 - Director', 'Level 63 - Sr. Director', 'Level 64 - Vice President', 'Level 65 - Executive'];
/** Index into LEVELS of a team manager. */
export const LEVEL_MANAGER = 4;
/** Index into LEVELS of a department director. */
export const LEVEL_DIRECTOR = 5;
/** Index into LEVELS of a functional unit's vice president. */
export const LEVEL_VICE_PRESIDENT = 7;
/** Index into LEVELS of the chief executive. */
export const LEVEL_EXECUTIVE = 8;

/** Project code names (the CERT `projects` column). */
export const PROJECTS = ['Aurora', 'Helios', 'Kestrel', 'Meridian', 'Nimbus', 'Orion', 'Polaris', 'Quasar', 'Sierra', 'Tundra', 'Vega', 'Zephyr', 'Atlas', 'Borealis', 'Cascade', 'Delta Wing', 'Ember', 'Falcon'];

/** Ordinary web domains everyone uses (search, news, tools, travel, shopping, social). */
export const GENERAL_SITES: readonly (readonly [string, number])[] = [
  ['google.com', 30], ['bing.com', 6], ['microsoft.com', 10], ['office.com', 14], ['teams.microsoft.com', 12], ['outlook.office.com', 10], ['wikipedia.org', 8], ['youtube.com', 6],
  ['linkedin.com', 7], ['bbc.co.uk', 4], ['cnn.com', 3], ['reuters.com', 3], ['bloomberg.com', 2], ['nytimes.com', 3], ['theguardian.com', 3], ['ft.com', 2], ['wsj.com', 2], ['economist.com', 1],
  ['forbes.com', 1], ['cnbc.com', 1], ['techcrunch.com', 1], ['theverge.com', 1], ['arstechnica.com', 1], ['hbr.org', 1], ['medium.com', 2], ['weather.com', 2], ['accuweather.com', 1],
  ['amazon.com', 3], ['ebay.com', 1], ['booking.com', 1], ['expedia.com', 1], ['tripadvisor.com', 1], ['uber.com', 1], ['maps.google.com', 3], ['translate.google.com', 2],
  ['zoom.us', 3], ['slack.com', 2], ['adobe.com', 2], ['dropbox.com', 1], ['docusign.com', 1], ['workday.com', 2], ['servicenow.com', 2], ['concur.com', 1],
  ['lufthansa.com', 1], ['britishairways.com', 1], ['delta.com', 1], ['united.com', 1], ['marriott.com', 1], ['hilton.com', 1], ['fedex.com', 1], ['ups.com', 1],
  ['coursera.org', 1], ['udemy.com', 1], ['reddit.com', 2], ['x.com', 1], ['facebook.com', 1], ['instagram.com', 1], ['espn.com', 1], ['msn.com', 2], ['yahoo.com', 1],
  ['statista.com', 1], ['gartner.com', 1], ['mckinsey.com', 1], ['spotify.com', 1], ['apple.com', 1], ['mozilla.org', 1], ['w3schools.com', 1],
];

/** Local news and portals by country code (people read the news of where they live). */
export const LOCAL_SITES: Record<string, readonly string[]> = {
  US: ['washingtonpost.com', 'usatoday.com', 'npr.org', 'chicagotribune.com', 'sfchronicle.com'],
  CA: ['cbc.ca', 'theglobeandmail.com', 'lapresse.ca'],
  BR: ['globo.com', 'uol.com.br', 'folha.uol.com.br', 'mercadolivre.com.br'],
  GB: ['bbc.co.uk', 'thetimes.co.uk', 'telegraph.co.uk', 'rightmove.co.uk', 'nationalrail.co.uk'],
  DE: ['spiegel.de', 'faz.net', 'sueddeutsche.de', 'bahn.de', 'heise.de'],
  FR: ['lemonde.fr', 'lefigaro.fr', 'sncf-connect.com', 'leboncoin.fr'],
  NL: ['nos.nl', 'nu.nl', 'ns.nl', 'marktplaats.nl'],
  PL: ['onet.pl', 'wp.pl', 'gazeta.pl', 'allegro.pl'],
  ES: ['elpais.com', 'elmundo.es', 'marca.com', 'renfe.com'],
  SG: ['straitstimes.com', 'channelnewsasia.com', 'todayonline.com'],
  JP: ['nikkei.com', 'asahi.com', 'yahoo.co.jp', 'rakuten.co.jp'],
  AU: ['abc.net.au', 'smh.com.au', 'news.com.au', 'seek.com.au'],
  IN: ['timesofindia.indiatimes.com', 'thehindu.com', 'ndtv.com', 'flipkart.com', 'irctc.co.in'],
};

/** Job boards and career sites (with the host and path shape a visit has). */
export const JOB_SITES: readonly string[] = ['indeed.com', 'linkedin.com/jobs', 'glassdoor.com', 'monster.com', 'ziprecruiter.com', 'careerbuilder.com', 'dice.com', 'simplyhired.com', 'stepstone.de', 'reed.co.uk', 'totaljobs.com', 'seek.com.au', 'naukri.com', 'jobsdb.com', 'xing.com', 'welcometothejungle.com', 'hays.com', 'roberthalf.com', 'michaelpage.com', 'hired.com', 'wellfound.com'];
/** Job sites most used per country (weights the pick). */
export const LOCAL_JOB_SITES: Record<string, readonly string[]> = {
  DE: ['stepstone.de', 'xing.com'], GB: ['reed.co.uk', 'totaljobs.com'], AU: ['seek.com.au'], IN: ['naukri.com'], SG: ['jobsdb.com'], FR: ['welcometothejungle.com'],
};
/** Consumer cloud storage and file transfer. */
export const PERSONAL_CLOUD_SITES: readonly string[] = ['dropbox.com', 'drive.google.com', 'mega.nz', 'wetransfer.com', 'onedrive.live.com', 'icloud.com', 'box.com', 'pcloud.com', 'mediafire.com', 'sendspace.com'];
/** Consumer webmail (sites). */
export const WEBMAIL_SITES: readonly string[] = ['mail.google.com', 'outlook.live.com', 'mail.yahoo.com', 'mail.proton.me', 'gmx.net', 'web.de', 'mail.aol.com', 'mail.zoho.com'];
/** Consumer mail domains (addresses). */
export const PERSONAL_MAIL_DOMAINS: readonly (readonly [string, number])[] = [['gmail.com', 10], ['outlook.com', 4], ['hotmail.com', 3], ['yahoo.com', 3], ['proton.me', 1], ['icloud.com', 2], ['gmx.de', 1], ['web.de', 1], ['aol.com', 1]];
/** Leak and whistle-blowing sites, and document paste sites. */
export const LEAK_SITES: readonly string[] = ['wikileaks.org', 'cryptome.org', 'ddosecrets.com', 'pastebin.com', 'securedrop.org'];
/** Keylogger, spyware, remote-access and password-cracking tool sites. */
export const HACKING_SITES: readonly string[] = ['ardamax.com', 'refog.com', 'spyrix.com', 'actualkeylogger.com', 'kidlogger.net', 'mspy.com', 'flexispy.com', 'hashcat.net', 'openwall.com', 'gentilkiwi.com', 'hak5.org', 'ophcrack.sourceforge.io', 'kali.org', 'metasploit.com', 'nmap.org', 'torproject.org'];
/** Tool downloads from hacking-tool sites (host, path, threat name a scanner would give it). */
export const HACKING_TOOLS: readonly { host: string; path: string; file: string; threat: string; category: 'UnwantedSoftware' | 'Malware' | 'CredentialAccess' }[] = [
  { host: 'www.ardamax.com', path: '/files/akl.exe', file: 'akl.exe', threat: 'Ardamax keylogger', category: 'UnwantedSoftware' },
  { host: 'www.refog.com', path: '/files/refog_setup.exe', file: 'refog_setup.exe', threat: 'REFOG keylogger', category: 'UnwantedSoftware' },
  { host: 'www.spyrix.com', path: '/download/spyrix-free-keylogger.exe', file: 'spyrix-free-keylogger.exe', threat: 'Spyrix monitoring tool', category: 'UnwantedSoftware' },
  { host: 'www.actualkeylogger.com', path: '/download/actual-keylogger.exe', file: 'actual-keylogger.exe', threat: 'Actual Keylogger', category: 'UnwantedSoftware' },
  { host: 'github.com', path: '/gentilkiwi/mimikatz/releases/download/2.2.0-20220919/mimikatz_trunk.zip', file: 'mimikatz_trunk.zip', threat: 'HackTool:Win32/Mimikatz', category: 'CredentialAccess' },
  { host: 'hashcat.net', path: '/files/hashcat-6.2.6.7z', file: 'hashcat-6.2.6.7z', threat: 'HackTool:Win32/Hashcat', category: 'CredentialAccess' },
  { host: 'www.openwall.com', path: '/john/k/john-1.9.0-jumbo-1-win64.zip', file: 'john-1.9.0-jumbo-1-win64.zip', threat: 'HackTool:Win32/JohnTheRipper', category: 'CredentialAccess' },
  { host: 'ophcrack.sourceforge.io', path: '/download.php?type=ophcrack', file: 'ophcrack-3.8.0-setup.exe', threat: 'HackTool:Win32/Ophcrack', category: 'CredentialAccess' },
  { host: 'www.torproject.org', path: '/dist/torbrowser/13.5/tor-browser-windows-x86_64-portable-13.5.exe', file: 'tor-browser-windows-x86_64-portable-13.5.exe', threat: 'Tor Browser (anonymising proxy)', category: 'UnwantedSoftware' },
  { host: 'nmap.org', path: '/dist/nmap-7.95-setup.exe', file: 'nmap-7.95-setup.exe', threat: 'HackTool:Win32/Nmap', category: 'UnwantedSoftware' },
];
/** Business SaaS sites where legitimate uploads happen (expenses, tickets, CRM). */
export const BUSINESS_UPLOAD_SITES: readonly string[] = ['concur.com', 'servicenow.com', 'salesforce.com', 'workday.com', 'docusign.com', 'atlassian.net', 'github.com', 'zendesk.com'];
/** Customers, suppliers and advisers the organisation mails with. */
export const PARTNER_DOMAINS: readonly string[] = ['siemens.com', 'bosch.com', 'dhl.com', 'fedex.com', 'accenture.com', 'deloitte.com', 'kpmg.com', 'pwc.com', 'ey.com', 'ibm.com', 'sap.com', 'maersk.com', 'schneider-electric.com', 'abb.com', 'honeywell.com', '3m.com', 'philips.com', 'hitachi.com', 'tata.com', 'infosys.com', 'wipro.com', 'ge.com', 'caterpillar.com', 'lockheedmartin.com', 'mitsubishicorp.com', 'thalesgroup.com', 'rolls-royce.com', 'unilever.com', 'nestle.com', 'bakermckenzie.com', 'cliffordchance.com', 'linklaters.com'];
/** Competitors (where a leaked file may end up). */
export const COMPETITOR_DOMAINS: readonly string[] = ['emerson.com', 'rockwellautomation.com', 'yokogawa.com', 'omron.com', 'danfoss.com'];
/** Newsletter and notification senders that mail everyone. */
export const NEWSLETTER_SENDERS: readonly string[] = ['news@linkedin.com', 'no-reply@zoom.us', 'newsletter@ft.com', 'digest@medium.com', 'noreply@github.com', 'updates@gartner.com', 'info@hbr.org', 'no-reply@docusign.net', 'notifications@atlassian.net', 'mailer@salesforce.com'];

/** Words that make up r6-style content sentences. */
export const WORDS = ['the', 'quarterly', 'review', 'plan', 'customer', 'project', 'schedule', 'meeting', 'update', 'budget', 'team', 'report', 'draft', 'final', 'status', 'delivery', 'risk', 'issue', 'action', 'item', 'follow', 'up', 'agenda', 'notes', 'forecast', 'revenue', 'cost', 'design', 'release', 'test', 'results', 'support', 'ticket', 'order', 'invoice', 'contract', 'proposal', 'partner', 'supplier', 'production', 'quality', 'approval', 'deadline', 'next', 'week', 'thanks', 'please', 'review', 'attached', 'latest', 'version', 'comments', 'before', 'friday', 'call', 'tomorrow', 'morning', 'discussed', 'agreed', 'changes', 'numbers', 'slides', 'board', 'launch', 'market', 'pricing', 'training', 'policy', 'travel', 'expense', 'office', 'hiring', 'candidate', 'interview', 'feedback', 'priority', 'escalation', 'inventory', 'shipment', 'forecast', 'audit', 'compliance', 'security', 'network', 'server', 'backup', 'migration'];
/** Words of job-search pages. */
export const JOB_WORDS = ['job', 'opening', 'apply', 'now', 'salary', 'benefits', 'remote', 'hybrid', 'senior', 'position', 'recruiter', 'career', 'opportunity', 'resume', 'cv', 'interview', 'offer', 'full', 'time', 'hiring', 'company', 'reviews', 'culture'];
/** Words of hacking-tool pages. */
export const HACKING_WORDS = ['keylogger', 'stealth', 'monitor', 'capture', 'keystrokes', 'password', 'recovery', 'crack', 'hash', 'undetectable', 'remote', 'access', 'screenshots', 'spy', 'download', 'free', 'trial', 'invisible', 'mode', 'exploit', 'payload', 'bypass', 'antivirus'];
/** Words of leak-site pages. */
export const LEAK_WORDS = ['leak', 'documents', 'submit', 'anonymous', 'whistleblower', 'secure', 'drop', 'publish', 'archive', 'release', 'confidential', 'internal', 'files', 'tor', 'source', 'protection'];
/** Words of cloud-storage pages. */
export const CLOUD_WORDS = ['upload', 'files', 'share', 'link', 'folder', 'storage', 'sync', 'download', 'free', 'space', 'transfer', 'send', 'large', 'photos', 'backup'];

/** Magic bytes (CERT `content` prefix) of a file extension. */
export const MAGIC_BYTES: Record<string, string> = {
  docx: '50-4B-03-04-14-00-06-00', xlsx: '50-4B-03-04-14-00-06-00', pptx: '50-4B-03-04-14-00-06-00', zip: '50-4B-03-04-14-00-08-00', '7z': '37-7A-BC-AF-27-1C',
  rar: '52-61-72-21-1A-07-01-00', pdf: '25-50-44-46-2D-31-2E-37', doc: 'D0-CF-11-E0-A1-B1-1A-E1', xls: 'D0-CF-11-E0-A1-B1-1A-E1', jpg: 'FF-D8-FF-E0-00-10-4A-46',
  png: '89-50-4E-47-0D-0A-1A-0A', exe: '4D-5A-90-00-03-00-00-00', csv: '', txt: '', vsdx: '50-4B-03-04-14-00-06-00', dwg: '41-43-31-30-33-32', bin: '', step: '49-53-4F-2D-31-30-33-30-33-2D-32-31',
};

/** File extensions of a document subject. */
export function documentExtensions(subject: string): readonly string[] {
  if (/snapshot|export|image|archive/.test(subject)) return ['zip', '7z'];
  if (/list|register|forecast|model|report|plan|budget|inventory|schedule|financials|rates|scorecard|quote|ledger|reconciliation|payroll|bonus|pension|calibration|review/.test(subject)) return ['xlsx', 'xlsx', 'pdf', 'csv'];
  if (/deck|overview|roadmap|brief|launch|agenda/.test(subject)) return ['pptx', 'pdf'];
  if (/schematic|layout|drawing|CAD/.test(subject)) return ['pdf', 'dwg', 'step'];
  if (/firmware/.test(subject)) return ['bin', 'zip'];
  return ['docx', 'docx', 'pdf'];
}
