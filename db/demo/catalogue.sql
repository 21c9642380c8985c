-- Demo catalogue: two offices, their staff (with PostgreSQL login roles),
-- document types, services with their required documents, and rejection
-- reasons with their legal basis.
--
-- Plain SQL, idempotent: run as a superuser, as often as needed, with
--   psql -v ON_ERROR_STOP=1 --single-transaction -f db/demo/catalogue.sql
-- Every row is keyed by its code (staff: by role name) and rewritten on a
-- second run; identity columns are never given, rows refer to each other by
-- code. A misspelt code fails the run (NOT NULL) instead of dropping a row.
--
-- Fees and legal references are realistic demo figures, not an official
-- tariff or legal advice: a real office loads its own catalogue.

SET client_encoding = 'UTF8';

-- Offices -----------------------------------------------------------------

INSERT INTO gise.office (code, name_tr, name_en, city, address, phone) VALUES
    ('ANK', 'Çankaya Halk Hizmet Merkezi', 'Çankaya Citizen Service Centre', 'Ankara',
     'Ziya Gökalp Caddesi No: 11, Kızılay, 06420 Çankaya/Ankara', '+90 312 458 89 00'),
    ('IST', 'Kadıköy Halk Hizmet Merkezi', 'Kadıköy Citizen Service Centre', 'İstanbul',
     'Hasanpaşa Mahallesi, Fahrettin Kerim Gökay Caddesi No: 2, 34722 Kadıköy/İstanbul', '+90 216 542 50 00')
ON CONFLICT (code) DO UPDATE SET
    name_tr = EXCLUDED.name_tr,
    name_en = EXCLUDED.name_en,
    city    = EXCLUDED.city,
    address = EXCLUDED.address,
    phone   = EXCLUDED.phone;

-- Staff -------------------------------------------------------------------
-- One row per login role; ank_clerk2 works with a screen reader and
-- ist_clerk2 prefers English. Two supervisors an office: a high-risk
-- approval needs both (0016).

INSERT INTO gise.staff (role_name, display_name, office_id, role_group, language, screen_reader)
SELECT v.role_name, v.display_name,
       (SELECT o.id FROM gise.office o WHERE o.code = v.office_code),
       v.role_group, v.language, v.screen_reader
FROM (VALUES
    ('ank_clerk1',     'Ayşe Kaya',         'ANK', 'clerk',      'tr', false),
    ('ank_clerk2',     'Mehmet Öztürk',     'ANK', 'clerk',      'tr', true),
    ('ank_supervisor', 'Zeynep Çelik',      'ANK', 'supervisor', 'tr', false),
    ('ank_supervisor2', 'Selin Aksoy',      'ANK', 'supervisor', 'tr', false),
    ('ank_auditor',    'Hüseyin Yıldırım',  'ANK', 'auditor',    'tr', false),
    ('ist_clerk1',     'Elif Şahin',        'IST', 'clerk',      'tr', false),
    ('ist_clerk2',     'Deniz Aydın',       'IST', 'clerk',      'en', false),
    ('ist_supervisor', 'Mustafa Güneş',     'IST', 'supervisor', 'tr', false),
    ('ist_supervisor2', 'Burak Yılmaz',     'IST', 'supervisor', 'tr', false),
    ('ist_auditor',    'Gülşen Arslan',     'IST', 'auditor',    'tr', false),
    ('gise_admin1',    'İbrahim Koç',       'ANK', 'admin',      'tr', false)
) AS v (role_name, display_name, office_code, role_group, language, screen_reader)
ON CONFLICT (role_name) DO UPDATE SET
    display_name  = EXCLUDED.display_name,
    office_id     = EXCLUDED.office_id,
    role_group    = EXCLUDED.role_group,
    language      = EXCLUDED.language,
    screen_reader = EXCLUDED.screen_reader;

-- The login roles: created when missing, each a member of exactly one gise
-- group role (the one matching its staff row's role_group).
DO $$
DECLARE
    s   record;
    grp text;
BEGIN
    FOR s IN
        SELECT role_name::text AS role_name, 'gise_' || role_group AS group_role
        FROM gise.staff
        WHERE role_name IN ('ank_clerk1', 'ank_clerk2', 'ank_supervisor', 'ank_supervisor2', 'ank_auditor',
                            'ist_clerk1', 'ist_clerk2', 'ist_supervisor', 'ist_supervisor2', 'ist_auditor',
                            'gise_admin1')
    LOOP
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = s.role_name) THEN
            EXECUTE format('CREATE ROLE %I LOGIN', s.role_name);
        END IF;
        -- No temporary objects, a cap on temporary files (0017).
        PERFORM gise.login_limits(s.role_name);
        FOREACH grp IN ARRAY ARRAY['gise_clerk', 'gise_supervisor', 'gise_auditor', 'gise_admin'] LOOP
            IF EXISTS (SELECT FROM pg_auth_members m
                       JOIN pg_roles r ON r.oid = m.roleid
                       JOIN pg_roles u ON u.oid = m.member
                       WHERE r.rolname = grp AND u.rolname = s.role_name) THEN
                IF grp <> s.group_role THEN
                    EXECUTE format('REVOKE %I FROM %I', grp, s.role_name);
                END IF;
            ELSIF grp = s.group_role THEN
                EXECUTE format('GRANT %I TO %I', grp, s.role_name);
            END IF;
        END LOOP;
    END LOOP;
END
$$;

-- Document types ------------------------------------------------------------

INSERT INTO gise.document_type (code, name_tr, name_en) VALUES
    ('NUFUS_CUZDANI',       'T.C. kimlik kartı veya nüfus cüzdanı',            'Turkish identity card'),
    ('IKAMETGAH',           'Yerleşim yeri (ikametgâh) belgesi',               'Residence certificate'),
    ('BIOMETRIK_FOTO',      'Biyometrik fotoğraf',                             'Biometric photograph'),
    ('HARC_MAKBUZU',        'Harç veya ücret ödeme makbuzu',                   'Fee payment receipt'),
    ('GELIR_BELGESI',       'Gelir belgesi',                                   'Income statement'),
    ('TAPU',                'Tapu senedi',                                     'Title deed'),
    ('MIMARI_PROJE',        'Mimari proje',                                    'Architectural project'),
    ('STATIK_PROJE',        'Statik (betonarme) proje',                        'Structural engineering project'),
    ('ZEMIN_ETUDU',         'Zemin etüdü raporu',                              'Soil survey report'),
    ('VEKALETNAME',         'Noter onaylı vekâletname',                        'Notarised power of attorney'),
    ('SAGLIK_RAPORU',       'Sağlık raporu',                                   'Health report'),
    ('ADLI_SICIL',          'Adli sicil kaydı',                                'Criminal record certificate'),
    ('EVLILIK_CUZDANI',     'Aile cüzdanı (evlilik cüzdanı)',                  'Family booklet (marriage certificate)'),
    ('ASKERLIK_BELGESI',    'Askerlik durum belgesi',                          'Military service status document'),
    ('OGRENCI_BELGESI',     'Öğrenci belgesi',                                 'Student certificate'),
    ('SGK_DOKUMU',          'SGK hizmet dökümü',                               'Social security service record'),
    ('KIRA_SOZLESMESI',     'Kira sözleşmesi',                                 'Rental contract'),
    ('FATURA',              'Elektrik, su veya doğal gaz faturası',            'Utility bill (electricity, water or gas)'),
    ('ENGELLI_RAPORU',      'Engelli sağlık kurulu raporu',                    'Disability health board report'),
    ('VERGI_LEVHASI',       'Vergi levhası',                                   'Tax registration certificate'),
    ('HANE_BEYANI',         'Hane halkı beyan formu',                          'Household declaration form'),
    ('ESKI_PASAPORT',       'Eski pasaport',                                   'Previous passport'),
    ('YAPI_DENETIM_RAPORU', 'Yapı denetim kuruluşu iş bitirme tutanağı',       'Building inspection completion report'),
    ('SGK_ILISIKSIZLIK',    'SGK ilişiksizlik belgesi',                        'Social security clearance certificate'),
    ('YAPI_KULLANMA_IZNI',  'Yapı kullanma izin belgesi (iskân)',              'Occupancy permit'),
    ('ITFAIYE_RAPORU',      'İtfaiye uygunluk raporu',                         'Fire safety compliance report'),
    ('MAHKEME_KARARI',      'Mahkeme kararı',                                  'Court decision'),
    ('APLIKASYON_KROKISI',  'Aplikasyon krokisi',                              'Cadastral site plan')
ON CONFLICT (code) DO UPDATE SET
    name_tr = EXCLUDED.name_tr,
    name_en = EXCLUDED.name_en;

-- Services ----------------------------------------------------------------
-- fee_kurus: 100 kuruş = 1 TL.

INSERT INTO gise.service (code, name_tr, name_en, description_tr, description_en,
                          sla_working_days, deficiency_working_days, risk_level, fee_kurus,
                          rejection_needs_supervisor, exception_needs_supervisor)
VALUES
    ('IKAMETGAH_BELGESI',
     'Yerleşim yeri (ikametgâh) belgesi', 'Residence certificate',
     'Adres kayıt sistemindeki yerleşim yeri adresinizi gösteren belge. Kimliğinizle başvurduğunuzda genellikle aynı gün verilir.',
     'A document showing your registered home address. It is usually issued the same day when you apply with your identity card.',
     1, 5, 'low', 0, false, false),
    ('ADRES_BEYANI',
     'Adres beyanı ve adres değişikliği', 'Address registration and change of address',
     'Taşındığınızda yeni adresinizi 20 iş günü içinde bildirmeniz gerekir. Yeni adresinize ait bir fatura veya kira sözleşmesi ile başvurabilirsiniz.',
     'When you move, you must register your new address within 20 working days. Apply with a utility bill or rental contract for the new address.',
     1, 10, 'low', 0, false, false),
    ('KIMLIK_YENILEME',
     'Kimlik kartı yenileme', 'Identity card renewal',
     'Eski nüfus cüzdanının çipli kimlik kartıyla değiştirilmesi ya da süresi dolan veya yıpranan kartın yenilenmesi. Kart adresinize gönderilir veya gişeden teslim alınır.',
     'Replacing an old identity booklet with a chip identity card, or renewing an expired or worn card. The card is posted to you or collected at the counter.',
     10, 10, 'medium', 45000, false, true),
    ('PASAPORT',
     'Pasaport başvurusu', 'Passport application',
     'Umuma mahsus (bordo) pasaport başvurusu. Harç ve defter bedeli başvurudan önce ödenir; pasaport adresinize gönderilir.',
     'Application for an ordinary (burgundy) passport. The fee and booklet charge are paid before applying; the passport is sent to your address.',
     10, 10, 'medium', 1138000, false, true),
    ('SOSYAL_YARDIM',
     'Sosyal yardım başvurusu', 'Social assistance application',
     'Geliri yetersiz hanelere yapılan nakdi ve ayni yardım. Başvurudan sonra görevlilerimiz evinizi ziyaret eder; karar bu incelemenin sonucuna göre verilir.',
     'Cash and in-kind help for households with too little income. After you apply, our staff visit your home; the decision depends on this review.',
     30, 15, 'high', 0, true, true),
    ('YAPI_RUHSATI',
     'Yapı ruhsatı', 'Building permit',
     'Yeni bina, ek kat veya esaslı tadilat için gereken izin. Projeler imar planına ve yönetmeliklere göre incelenir.',
     'The permit needed for a new building, an extra floor or major alterations. Projects are checked against the zoning plan and building regulations.',
     30, 30, 'high', 375000, true, true),
    ('YAPI_KULLANMA_IZNI',
     'Yapı kullanma izni (iskân)', 'Occupancy permit',
     'Biten binanın ruhsatına ve projesine uygun yapıldığını gösteren izin. Bina yerinde incelenir; elektrik, su ve doğal gaz aboneliği için gereklidir.',
     'Confirms that a finished building was built as permitted. The building is inspected on site; the permit is needed for electricity, water and gas connections.',
     30, 30, 'high', 245000, true, true),
    ('ISYERI_RUHSATI',
     'İşyeri açma ve çalışma ruhsatı', 'Business licence',
     'Dükkân, ofis veya atölye açmak için gereken ruhsat. İşyeri sağlık, yangın güvenliği ve imar koşulları bakımından incelenir.',
     'The licence needed to open a shop, office or workshop. The premises are checked for health, fire safety and zoning rules.',
     15, 15, 'medium', 85000, false, true),
    ('ENGELLI_KIMLIK_KARTI',
     'Engelli kimlik kartı', 'Disability identity card',
     'Engellilik oranı yüzde 40 ve üzeri olanlara verilen kart. Toplu taşımada ve müze girişlerinde ücretsiz veya indirimli kullanım sağlar.',
     'A card for people with a disability rate of 40 percent or more. It gives free or reduced-price public transport and museum entry.',
     10, 15, 'medium', 0, false, true),
    ('EVLENME_BASVURUSU',
     'Evlenme başvurusu', 'Marriage application',
     'Nikâh için evlendirme memurluğuna yapılan başvuru. Eşler birlikte gelir; başvurudan sonra nikâh tarihi belirlenir.',
     'Application to the marriage registry office. Both partners come together; the wedding date is set after the application.',
     5, 10, 'medium', 120000, false, true),
    ('OGRENCI_YURT_DESTEGI',
     'Öğrenci yurt ve barınma desteği', 'Student dormitory and housing support',
     'İlçede okuyan, geliri düşük ailelerin üniversite öğrencilerine yurt yeri veya aylık kira desteği. Her dönemin başında başvurulur.',
     'A dormitory place or monthly rent support for university students from low-income families who study in the district. Applications open at the start of each term.',
     20, 10, 'medium', 0, false, true),
    ('IMAR_DURUM_BELGESI',
     'İmar durumu belgesi', 'Zoning status certificate',
     'Bir parsele hangi yapının, kaç kat olarak ve hangi kullanım için yapılabileceğini gösteren belge. Yapı ruhsatı başvurusundan önce alınır.',
     'Shows what may be built on a plot: how many floors and for what use. It is obtained before applying for a building permit.',
     5, 10, 'low', 95000, false, false)
ON CONFLICT (code) DO UPDATE SET
    name_tr                    = EXCLUDED.name_tr,
    name_en                    = EXCLUDED.name_en,
    description_tr             = EXCLUDED.description_tr,
    description_en             = EXCLUDED.description_en,
    sla_working_days           = EXCLUDED.sla_working_days,
    deficiency_working_days    = EXCLUDED.deficiency_working_days,
    risk_level                 = EXCLUDED.risk_level,
    fee_kurus                  = EXCLUDED.fee_kurus,
    rejection_needs_supervisor = EXCLUDED.rejection_needs_supervisor,
    exception_needs_supervisor = EXCLUDED.exception_needs_supervisor;

-- Required documents per service, in the order the clerk checks them.

INSERT INTO gise.service_document (service_id, document_type_id, mandatory, position)
SELECT (SELECT s.id FROM gise.service s WHERE s.code = v.service_code),
       (SELECT d.id FROM gise.document_type d WHERE d.code = v.document_code),
       v.mandatory, v.position
FROM (VALUES
    ('IKAMETGAH_BELGESI',    'NUFUS_CUZDANI',       true,  1),
    ('IKAMETGAH_BELGESI',    'VEKALETNAME',         false, 2),

    ('ADRES_BEYANI',         'NUFUS_CUZDANI',       true,  1),
    ('ADRES_BEYANI',         'FATURA',              true,  2),
    ('ADRES_BEYANI',         'KIRA_SOZLESMESI',     false, 3),
    ('ADRES_BEYANI',         'TAPU',                false, 4),

    ('KIMLIK_YENILEME',      'NUFUS_CUZDANI',       true,  1),
    ('KIMLIK_YENILEME',      'BIOMETRIK_FOTO',      false, 2),
    ('KIMLIK_YENILEME',      'HARC_MAKBUZU',        true,  3),

    ('PASAPORT',             'NUFUS_CUZDANI',       true,  1),
    ('PASAPORT',             'BIOMETRIK_FOTO',      true,  2),
    ('PASAPORT',             'HARC_MAKBUZU',        true,  3),
    ('PASAPORT',             'ESKI_PASAPORT',       false, 4),
    ('PASAPORT',             'ASKERLIK_BELGESI',    false, 5),

    ('SOSYAL_YARDIM',        'NUFUS_CUZDANI',       true,  1),
    ('SOSYAL_YARDIM',        'HANE_BEYANI',         true,  2),
    ('SOSYAL_YARDIM',        'GELIR_BELGESI',       true,  3),
    ('SOSYAL_YARDIM',        'SGK_DOKUMU',          true,  4),
    ('SOSYAL_YARDIM',        'KIRA_SOZLESMESI',     false, 5),
    ('SOSYAL_YARDIM',        'SAGLIK_RAPORU',       false, 6),

    ('YAPI_RUHSATI',         'TAPU',                true,  1),
    ('YAPI_RUHSATI',         'MIMARI_PROJE',        true,  2),
    ('YAPI_RUHSATI',         'STATIK_PROJE',        true,  3),
    ('YAPI_RUHSATI',         'ZEMIN_ETUDU',         true,  4),
    ('YAPI_RUHSATI',         'HARC_MAKBUZU',        true,  5),
    ('YAPI_RUHSATI',         'VEKALETNAME',         false, 6),

    ('YAPI_KULLANMA_IZNI',   'TAPU',                true,  1),
    ('YAPI_KULLANMA_IZNI',   'YAPI_DENETIM_RAPORU', true,  2),
    ('YAPI_KULLANMA_IZNI',   'SGK_ILISIKSIZLIK',    true,  3),
    ('YAPI_KULLANMA_IZNI',   'HARC_MAKBUZU',        true,  4),
    ('YAPI_KULLANMA_IZNI',   'VEKALETNAME',         false, 5),

    ('ISYERI_RUHSATI',       'NUFUS_CUZDANI',       true,  1),
    ('ISYERI_RUHSATI',       'VERGI_LEVHASI',       true,  2),
    ('ISYERI_RUHSATI',       'YAPI_KULLANMA_IZNI',  true,  3),
    ('ISYERI_RUHSATI',       'ITFAIYE_RAPORU',      true,  4),
    ('ISYERI_RUHSATI',       'KIRA_SOZLESMESI',     false, 5),
    ('ISYERI_RUHSATI',       'TAPU',                false, 6),

    ('ENGELLI_KIMLIK_KARTI', 'NUFUS_CUZDANI',       true,  1),
    ('ENGELLI_KIMLIK_KARTI', 'ENGELLI_RAPORU',      true,  2),
    ('ENGELLI_KIMLIK_KARTI', 'BIOMETRIK_FOTO',      true,  3),
    ('ENGELLI_KIMLIK_KARTI', 'VEKALETNAME',         false, 4),

    ('EVLENME_BASVURUSU',    'NUFUS_CUZDANI',       true,  1),
    ('EVLENME_BASVURUSU',    'SAGLIK_RAPORU',       true,  2),
    ('EVLENME_BASVURUSU',    'BIOMETRIK_FOTO',      true,  3),
    ('EVLENME_BASVURUSU',    'HARC_MAKBUZU',        true,  4),
    ('EVLENME_BASVURUSU',    'MAHKEME_KARARI',      false, 5),

    ('OGRENCI_YURT_DESTEGI', 'NUFUS_CUZDANI',       true,  1),
    ('OGRENCI_YURT_DESTEGI', 'OGRENCI_BELGESI',     true,  2),
    ('OGRENCI_YURT_DESTEGI', 'GELIR_BELGESI',       true,  3),
    ('OGRENCI_YURT_DESTEGI', 'KIRA_SOZLESMESI',     false, 4),
    ('OGRENCI_YURT_DESTEGI', 'IKAMETGAH',           false, 5),

    ('IMAR_DURUM_BELGESI',   'TAPU',                true,  1),
    ('IMAR_DURUM_BELGESI',   'APLIKASYON_KROKISI',  false, 2),
    ('IMAR_DURUM_BELGESI',   'HARC_MAKBUZU',        true,  3),
    ('IMAR_DURUM_BELGESI',   'VEKALETNAME',         false, 4)
) AS v (service_code, document_code, mandatory, position)
ON CONFLICT (service_id, document_type_id) DO UPDATE SET
    mandatory = EXCLUDED.mandatory,
    position  = EXCLUDED.position;

-- Rejection reasons -------------------------------------------------------
-- GEN general, DOC documents, ELG eligibility, ADR address, IMR zoning and
-- building, ISY business premises. The citizen text is what the letter
-- says; it is written for the citizen, not for a lawyer.

INSERT INTO gise.rejection_reason (code, title_tr, title_en, law, article,
                                   citizen_text_tr, citizen_text_en, needs_supervisor)
VALUES
    ('GEN-01',
     'Başvuru formu eksik veya imzasız', 'Application form incomplete or unsigned',
     '3071 sayılı Dilekçe Hakkının Kullanılmasına Dair Kanun', 'Madde 6',
     'Başvuru formunuzda adınız, adresiniz veya imzanız eksik olduğu için başvurunuzu inceleyemedik. Formu eksiksiz doldurup imzalayarak yeniden başvurabilirsiniz. İsterseniz gişedeki görevlimiz formu sizinle birlikte doldurur.',
     'We could not look at your application because your name, address or signature is missing from the form. You can apply again with the form filled in completely and signed. If you like, the clerk at the counter will fill in the form with you.',
     false),
    ('GEN-02',
     'Başkası adına başvuru yetkisi belgelenmedi', 'No proof of authority to apply for someone else',
     '6098 sayılı Türk Borçlar Kanunu', 'Madde 502',
     'Başvuruyu başka biri adına yaptınız, ancak bunun için geçerli bir vekâletname getirmediniz. Başvuru sahibi kendisi gelebilir ya da noterden alınmış bir vekâletname ile yeniden başvurabilirsiniz.',
     'You applied for someone else but did not bring a valid power of attorney. The person can come in person, or you can apply again with a power of attorney from a notary.',
     false),
    ('GEN-03',
     'Belgede sahtecilik şüphesi', 'Suspected forged document',
     '5237 sayılı Türk Ceza Kanunu', 'Madde 204',
     'Verdiğiniz belgelerden biri, o belgeyi düzenleyen kurumun kayıtlarıyla uyuşmuyor. Bu nedenle başvurunuzu kabul edemiyoruz ve kanun gereği durumu yetkili makamlara bildirmek zorundayız. Belgenin doğru olduğunu düşünüyorsanız, düzenleyen kurumdan yeni bir örnek alıp bize getirebilirsiniz.',
     'One of the documents you gave us does not match the records of the office that issued it. For this reason we cannot accept your application, and the law requires us to report the matter to the authorities. If you believe the document is genuine, you can get a new copy from the issuing office and bring it to us.',
     true),
    ('GEN-04',
     'Başvuru bu kurumun görev alanı dışında', 'Request outside this office''s area',
     '5393 sayılı Belediye Kanunu', 'Madde 15',
     'Başvurunuz, bizim hizmet verdiğimiz bölgenin dışındaki bir yerle ilgili. Bu işlemi ancak o bölgedeki belediye yapabilir. Görevlimiz size hangi kuruma gitmeniz gerektiğini söyleyecektir.',
     'Your request concerns a place outside the area we serve. Only the municipality of that area can deal with it. The clerk will tell you which office to go to.',
     false),
    ('GEN-05',
     'Harç veya ücret ödenmedi', 'Fee not paid',
     '492 sayılı Harçlar Kanunu', 'Madde 32',
     'Bu hizmetin harcı veya ücreti size verilen süre içinde ödenmedi. Ücret ödenmeden işlem yapılamadığı için başvurunuz kapatıldı. Ücreti gişede veya bankada ödedikten sonra yeniden başvurabilirsiniz.',
     'The fee for this service was not paid within the time you were given. Because we cannot carry out the service before the fee is paid, your application has been closed. You can apply again after paying the fee at the counter or at a bank.',
     false),
    ('DOC-01',
     'Eksik belgeler verilen sürede tamamlanmadı', 'Missing documents not provided in time',
     'Kamu Hizmetlerinin Sunumunda Uyulacak Usul ve Esaslara İlişkin Yönetmelik', 'Madde 11',
     'Başvurunuz için gereken belgelerin bazıları, size verilen süre içinde getirilmedi. Belgeler eksik olduğu için başvurunuzu sonuçlandıramadık. Belgeleri tamamladığınızda yeniden başvurabilirsiniz.',
     'Some of the documents needed for your application were not brought within the time you were given. Because documents are missing, we could not complete your application. You can apply again once you have all the documents.',
     false),
    ('DOC-02',
     'Belgenin geçerlilik süresi dolmuş', 'Document no longer valid',
     'Kamu Hizmetlerinin Sunumunda Uyulacak Usul ve Esaslara İlişkin Yönetmelik', 'Madde 11',
     'Getirdiğiniz belgelerden biri eski olduğu için artık geçerli değil. Örneğin sağlık raporu ve gelir belgesi yakın tarihli olmalıdır. Aynı belgenin güncel bir örneğiyle yeniden başvurabilirsiniz.',
     'One of the documents you brought is too old to be valid. For example, a health report or an income statement must be recent. You can apply again with an up-to-date copy of the same document.',
     false),
    ('DOC-03',
     'Belge okunaksız veya aslı gösterilmedi', 'Document unreadable or original not shown',
     'Kamu Hizmetlerinin Sunumunda Uyulacak Usul ve Esaslara İlişkin Yönetmelik', 'Madde 11',
     'Getirdiğiniz belgelerden biri okunamıyor ya da yalnızca fotokopisi getirildi. Belgenin aslını getirirseniz fotokopisini biz ücretsiz onaylarız. Belgenin aslıyla yeniden başvurabilirsiniz.',
     'One of your documents cannot be read, or only a photocopy was brought. If you bring the original, we will certify the copy free of charge. You can apply again with the original document.',
     false),
    ('ELG-01',
     'Hane geliri yardım sınırının üzerinde', 'Household income above the assistance limit',
     '3294 sayılı Sosyal Yardımlaşma ve Dayanışmayı Teşvik Kanunu', 'Madde 2',
     'Hanenizde kişi başına düşen aylık gelir, bu yardım için belirlenen sınırın üzerinde. Bu nedenle şu anda bu yardımı alamıyorsunuz. Geliriniz azalırsa ya da hanenizde bir değişiklik olursa yeniden başvurabilirsiniz.',
     'The monthly income per person in your household is above the limit set for this assistance. For this reason you cannot receive it at this time. If your income goes down or your household changes, you can apply again.',
     true),
    ('ELG-02',
     'Ev ziyaretinde yardım ihtiyacı tespit edilmedi', 'Home visit did not confirm a need for assistance',
     '2828 sayılı Sosyal Hizmetler Kanunu', 'Madde 3',
     'Görevlilerimiz evinizi ziyaret ederek yaşam koşullarınızı inceledi. İnceleme sonunda, bu yardımın koşullarını şu an taşımadığınız görüldü. Bu sonuca katılmıyorsanız, yeni bilgi ve belgelerle yeniden inceleme isteyebilirsiniz.',
     'Our staff visited your home and looked at your living conditions. The visit showed that you do not meet the conditions for this assistance at the moment. If you disagree, you can ask for a new review and bring any new information or documents.',
     true),
    ('ELG-03',
     'Aynı ihtiyaç için başka kurumdan düzenli yardım alınıyor', 'Already receiving regular help for the same need',
     '5018 sayılı Kamu Mali Yönetimi ve Kontrol Kanunu', 'Madde 71',
     'Kayıtlarımıza göre aynı ihtiyaç için başka bir kamu kurumundan düzenli yardım alıyorsunuz. Aynı ihtiyaç için iki kez ödeme yapmamıza kanun izin vermiyor. O yardım kesilirse bize haber verin, başvurunuzu yeniden değerlendirelim.',
     'Our records show that you already receive regular help for the same need from another public office. The law does not allow us to pay twice for the same need. If that help stops, let us know and we will look at your application again.',
     true),
    ('ELG-04',
     'Engellilik oranı kart için yeterli değil', 'Disability rate too low for the card',
     '5378 sayılı Engelliler Hakkında Kanun', 'Madde 3',
     'Sağlık kurulu raporunuzdaki engellilik oranı, engelli kimlik kartı için gereken yüzde 40''ın altında. Bu nedenle kart düzenleyemiyoruz. Sağlık durumunuz değişirse yeni bir raporla yeniden başvurabilirsiniz.',
     'The disability rate in your health board report is below the 40 percent needed for the disability identity card. For this reason we cannot issue the card. If your health changes, you can apply again with a new report.',
     false),
    ('ELG-05',
     'Öğrencilik durumu doğrulanamadı', 'Student status could not be confirmed',
     '5393 sayılı Belediye Kanunu', 'Madde 14',
     'Okulunuzun kayıtlarında bu dönem için kayıtlı öğrenci görünmüyorsunuz. Yurt desteği yalnızca kaydı devam eden öğrencilere verilir. Kaydınızı yeniledikten sonra güncel öğrenci belgesiyle yeniden başvurabilirsiniz.',
     'Your school''s records do not show you as enrolled this term. Dormitory support is only given to students who are currently enrolled. After you renew your enrolment, you can apply again with an up-to-date student certificate.',
     false),
    ('ELG-06',
     'Evlenme yaşı koşulu sağlanmıyor', 'Minimum age for marriage not met',
     '4721 sayılı Türk Medeni Kanunu', 'Madde 124',
     'Eşlerden biri, kanunun evlenmek için aradığı yaşı henüz doldurmamış. 17 yaşını dolduranlar ancak anne ve babalarının izniyle, 16 yaşını dolduranlar ise yalnızca mahkeme kararıyla evlenebilir. Gerekli izin veya mahkeme kararıyla yeniden başvurabilirsiniz.',
     'One of you has not yet reached the age the law requires for marriage. People aged 17 can marry only with their parents'' consent, and people aged 16 only with a court decision. You can apply again with that consent or court decision.',
     false),
    ('ELG-07',
     'Önceki evliliğin sona erdiği belgelenmedi', 'End of a previous marriage not shown',
     '4721 sayılı Türk Medeni Kanunu', 'Madde 130',
     'Kayıtlarımızda eşlerden birinin önceki evliliği hâlâ sürüyor görünüyor. Yeniden evlenebilmek için önceki evliliğin boşanma veya ölümle sona erdiğini gösteren bir belge gerekir. Kesinleşmiş boşanma kararını veya ilgili belgeyi getirerek yeniden başvurabilirsiniz.',
     'Our records show that an earlier marriage of one of you has not ended. To marry again, you must show that the earlier marriage ended by divorce or death. You can apply again with the final divorce decision or the relevant document.',
     false),
    ('ELG-08',
     'Pasaport verilmesine engel kayıt var', 'A record prevents issuing a passport',
     '5682 sayılı Pasaport Kanunu', 'Madde 22',
     'Adınıza, yurt dışına çıkmanızı engelleyen bir mahkeme veya idari karar kayıtlı. Bu karar kaldırılmadan size pasaport veremiyoruz. Görevlimiz kararı hangi makamın verdiğini size söyleyebilir; itirazınızı o makama yapabilirsiniz.',
     'There is a court or administrative decision on record that stops you from travelling abroad. We cannot issue a passport until that decision is lifted. The clerk can tell you which authority made the decision; you can challenge it with that authority.',
     true),
    ('ADR-01',
     'Bildirilen adreste oturulmadığı tespit edildi', 'Applicant found not to live at the given address',
     '5490 sayılı Nüfus Hizmetleri Kanunu', 'Madde 50',
     'Yaptığımız kontrolde, bildirdiğiniz adreste oturmadığınız anlaşıldı. Adres kaydı yalnızca gerçekten oturduğunuz yer için yapılabilir. Şu an oturduğunuz adresi kira sözleşmesi veya fatura gibi bir belgeyle bildirerek yeniden başvurabilirsiniz.',
     'Our check showed that you do not live at the address you gave. An address can only be registered where you really live. You can apply again with the address where you live now and a document such as a rental contract or a utility bill.',
     false),
    ('IMR-01',
     'Proje imar planına uygun değil', 'Project does not fit the zoning plan',
     '3194 sayılı İmar Kanunu', 'Madde 22',
     'Sunduğunuz proje, arsanızın bulunduğu yerin imar planına uymuyor; örneğin izin verilenden daha fazla kat veya daha yüksek bir bina öngörüyor. Uymayan noktalar size yazılı olarak bildirilecek. Projeyi plana uygun hâle getirip yeniden başvurabilirsiniz.',
     'The project you submitted does not fit the zoning plan for your plot; for example, it has more floors or is taller than allowed. You will be told in writing which points do not fit. You can change the project to fit the plan and apply again.',
     false),
    ('IMR-02',
     'Mülkiyet belgelenmedi veya hissedar onayı eksik', 'Ownership not shown or co-owners'' consent missing',
     '3194 sayılı İmar Kanunu', 'Madde 21',
     'Tapuda başka hissedarlar da görünüyor ve onların yazılı onayı getirilmedi. Yapı ruhsatı ancak mülk sahiplerinin onayıyla verilebilir. Hissedarların noterden alınmış onayıyla yeniden başvurabilirsiniz.',
     'The title deed shows other co-owners, and their written consent was not provided. A building permit can only be given with the owners'' consent. You can apply again with the co-owners'' consent certified by a notary.',
     false),
    ('IMR-03',
     'Yapı ruhsatına ve projesine uygun yapılmamış', 'Building not built as permitted',
     '3194 sayılı İmar Kanunu', 'Madde 30',
     'Yerinde yaptığımız kontrolde binanın onaylı projeden farklı yapıldığı görüldü. Bu farklar giderilmeden yapı kullanma izni (iskân) veremiyoruz. Farklar size yazılı olarak bildirilecek; düzeltildikten sonra yeniden başvurabilirsiniz.',
     'Our inspection on site showed that the building differs from the approved project. We cannot give an occupancy permit until these differences are put right. You will be told the differences in writing; once they are corrected, you can apply again.',
     false),
    ('IMR-04',
     'Zemin etüdü yetersiz', 'Soil survey not sufficient',
     '3194 sayılı İmar Kanunu', 'Madde 22',
     'Sunduğunuz zemin etüdü raporu, arsanızın depreme dayanıklı bir bina için uygun olup olmadığını açıkça göstermiyor. Yetkili bir kuruluşun hazırladığı güncel bir rapor gerekiyor. Yeni raporla yeniden başvurabilirsiniz.',
     'The soil survey report you submitted does not show clearly whether your plot is suitable for an earthquake-safe building. An up-to-date report by an authorised firm is needed. You can apply again with a new report.',
     false),
    ('ISY-01',
     'Konut olarak kayıtlı yerde işyeri için kat malikleri kararı yok', 'Home unit used as business without the owners'' decision',
     'İşyeri Açma ve Çalışma Ruhsatlarına İlişkin Yönetmelik', 'Madde 5',
     'İşyerinizin bulunduğu bölüm tapuda konut olarak kayıtlı ve bu iş için binadaki kat maliklerinin kararı getirilmedi. Bu koşul sağlanmadan işyeri ruhsatı veremiyoruz. Kat malikleri kararıyla ya da başka bir adres için yeniden başvurabilirsiniz.',
     'The unit where your business is located is registered as a home, and the decision of the building''s owners was not provided. We cannot issue a business licence until this condition is met. You can apply again with the owners'' decision, or for a different address.',
     false)
ON CONFLICT (code) DO UPDATE SET
    title_tr         = EXCLUDED.title_tr,
    title_en         = EXCLUDED.title_en,
    law              = EXCLUDED.law,
    article          = EXCLUDED.article,
    citizen_text_tr  = EXCLUDED.citizen_text_tr,
    citizen_text_en  = EXCLUDED.citizen_text_en,
    needs_supervisor = EXCLUDED.needs_supervisor;
