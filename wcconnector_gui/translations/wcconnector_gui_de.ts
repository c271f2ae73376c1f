<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>App</name>
    <message>
        <source>demo (sandbox store at {0})</source>
        <translation>Demo (Sandbox-Shop unter {0})</translation>
    </message>
</context>
<context>
    <name>ConflictsView</name>
    <message>
        <source>Customer No.</source>
        <translation>Kundennr.</translation>
    </message>
    <message>
        <source>Webstore ID</source>
        <translation>Webshop-ID</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Einzelheiten</translation>
    </message>
    <message>
        <source>Detected</source>
        <translation>Erkannt</translation>
    </message>
    <message>
        <source>Select a conflict to compare both sides.</source>
        <translation>Wählen Sie einen Konflikt, um beide Seiten zu vergleichen.</translation>
    </message>
    <message>
        <source>Keep Back-Office</source>
        <translation>Back-Office behalten</translation>
    </message>
    <message>
        <source>Overwrite the store customer with our data</source>
        <translation>Den Webshop-Kunden mit unseren Daten überschreiben</translation>
    </message>
    <message>
        <source>Keep Store</source>
        <translation>Webshop behalten</translation>
    </message>
    <message>
        <source>Overwrite our customer with the store&apos;s data</source>
        <translation>Unseren Kunden mit den Daten des Webshops überschreiben</translation>
    </message>
    <message>
        <source>No open conflicts.</source>
        <translation>Keine offenen Konflikte.</translation>
    </message>
    <message numerus="yes">
        <source>%n open conflict(s)</source>
        <translation>
            <numerusform>%n offener Konflikt</numerusform>
            <numerusform>%n offene Konflikte</numerusform>
        </translation>
    </message>
    <message>
        <source>No copy of the store customer was saved.</source>
        <translation>Vom Webshop-Kunden wurde keine Kopie gespeichert.</translation>
    </message>
    <message numerus="yes">
        <source>%n field(s) differ (highlighted).</source>
        <translation>
            <numerusform>%n Feld weicht ab (hervorgehoben).</numerusform>
            <numerusform>%n Felder weichen ab (hervorgehoben).</numerusform>
        </translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <source>Back office</source>
        <translation>Back-Office</translation>
    </message>
    <message>
        <source>Store (when found)</source>
        <translation>Webshop (falls gefunden)</translation>
    </message>
</context>
<context>
    <name>Crash</name>
    <message>
        <source>Something went wrong inside wcconnector-gui. Your data is safe: every record is saved as it completes. The details were written to the log file.</source>
        <translation>In wcconnector-gui ist ein Fehler aufgetreten. Ihre Daten sind sicher: Jeder Datensatz wird gespeichert, sobald er fertig ist. Die Einzelheiten stehen in der Protokolldatei.</translation>
    </message>
</context>
<context>
    <name>Customer</name>
    <message>
        <source>No.</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Name 2</source>
        <translation>Name 2</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Kontakt</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Address 2</source>
        <translation>Adresse 2</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>Post Code</source>
        <translation>PLZ-Code</translation>
    </message>
    <message>
        <source>County</source>
        <translation>Bundesregion</translation>
    </message>
    <message>
        <source>Country/Region Code</source>
        <translation>Länder-/Regionscode</translation>
    </message>
    <message>
        <source>Phone No.</source>
        <translation>Telefonnr.</translation>
    </message>
    <message>
        <source>E-Mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Customer Posting Group</source>
        <translation>Debitorenbuchungsgruppe</translation>
    </message>
    <message>
        <source>Gen. Bus. Posting Group</source>
        <translation>Geschäftsbuchungsgruppe</translation>
    </message>
    <message>
        <source>VAT Bus. Posting Group</source>
        <translation>MwSt.-Geschäftsbuchungsgruppe</translation>
    </message>
    <message>
        <source>Tax Area Code</source>
        <translation>Steuergebietscode</translation>
    </message>
    <message>
        <source>Payment Terms Code</source>
        <translation>Zlg.-Bedingungscode</translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation>Gesperrt</translation>
    </message>
</context>
<context>
    <name>CustomersView</name>
    <message>
        <source>Filter customers</source>
        <translation>Kunden filtern</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Neu</translation>
    </message>
    <message>
        <source>Import CSV…</source>
        <translation>CSV-Import…</translation>
    </message>
    <message>
        <source>Update from CSV…</source>
        <translation>Aus CSV ändern…</translation>
    </message>
    <message>
        <source>Change existing customers (by No.): only the columns in the file</source>
        <translation>Vorhandene Kunden ändern (nach Nr.): nur die Spalten der Datei</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV-Export…</translation>
    </message>
    <message>
        <source>next number from the series</source>
        <translation>nächste Nummer aus der Nummernserie</translation>
    </message>
    <message>
        <source>Save Card</source>
        <translation>Karte speichern</translation>
    </message>
    <message>
        <source>Customer {0}</source>
        <translation>Kunde {0}</translation>
    </message>
    <message>
        <source>New customer</source>
        <translation>Neuer Kunde</translation>
    </message>
    <message>
        <source>the name is empty</source>
        <translation>der Name ist leer</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Gespeichert.</translation>
    </message>
    <message>
        <source>Import customers</source>
        <translation>Kunden importieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Update customers</source>
        <translation>Kunden aktualisieren</translation>
    </message>
    <message>
        <source>Importing {0}…</source>
        <translation>{0} wird importiert…</translation>
    </message>
    <message>
        <source>{0} imported, {1} updated.</source>
        <translation>{0} importiert, {1} aktualisiert.</translation>
    </message>
    <message>
        <source>New customer Nos.: {0} to {1}.</source>
        <translation>Neue Kundennummern: {0} bis {1}.</translation>
    </message>
    <message>
        <source>{0} rows rejected:</source>
        <translation>{0} Zeilen abgelehnt:</translation>
    </message>
    <message>
        <source>line {0}: {1}</source>
        <translation>Zeile {0}: {1}</translation>
    </message>
    <message>
        <source>… and {0} more.</source>
        <translation>… und {0} weitere.</translation>
    </message>
    <message>
        <source>Export customers</source>
        <translation>Kunden exportieren</translation>
    </message>
    <message>
        <source>Exporting to {0}…</source>
        <translation>Export nach {0}…</translation>
    </message>
    <message>
        <source>{0} customers exported.</source>
        <translation>{0} Kunden exportiert.</translation>
    </message>
    <message>
        <source>Customers CSV</source>
        <translation>Kunden-CSV</translation>
    </message>
</context>
<context>
    <name>KeyringBanner</name>
    <message>
        <source>Use for this session only</source>
        <translation>Nur für diese Sitzung verwenden</translation>
    </message>
    <message>
        <source>No secure keyring is available on this computer, so the store credentials and customer passwords cannot be saved. Unlock or install a keyring (GNOME Keyring, KWallet, macOS Keychain or Windows Credential Manager) and restart the app, or keep them for this session only.</source>
        <translation>Auf diesem Computer ist kein sicherer Schlüsselbund verfügbar, daher können die Zugangsdaten des Webshops und die Kundenpasswörter nicht gespeichert werden. Entsperren oder installieren Sie einen Schlüsselbund (GNOME Keyring, KWallet, macOS-Schlüsselbund oder Windows-Anmeldeinformationsverwaltung) und starten Sie die App neu, oder behalten Sie sie nur für diese Sitzung.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Synchronize</source>
        <translation>Synchronisieren</translation>
    </message>
    <message>
        <source>Synchronize everything the setup enables (F9)</source>
        <translation>Alles synchronisieren, was die Einrichtung erlaubt (F9)</translation>
    </message>
    <message>
        <source>Synchronize Selected</source>
        <translation>Auswahl synchronisieren</translation>
    </message>
    <message>
        <source>Synchronize only the selected rows</source>
        <translation>Nur die ausgewählten Zeilen synchronisieren</translation>
    </message>
    <message>
        <source>Suggest Mapping</source>
        <translation>Zuordnung vorschlagen</translation>
    </message>
    <message>
        <source>Propose links between unmapped customers and store customers</source>
        <translation>Verknüpfungen zwischen nicht zugeordneten Kunden und Webshop-Kunden vorschlagen</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>Stop the running sync after the current batch</source>
        <translation>Die laufende Synchronisierung nach dem aktuellen Stapel anhalten</translation>
    </message>
    <message>
        <source>All Stores</source>
        <translation>Alle Shops</translation>
    </message>
    <message>
        <source>Synchronize and Synchronize Selected act on every store, one after the other, as each one&apos;s setup enables (the grid shows the chosen store)</source>
        <translation>Synchronisieren und Auswahl synchronisieren wirken auf jeden Shop, nacheinander, wie es seine Einrichtung erlaubt (die Tabelle zeigt den gewählten Shop)</translation>
    </message>
    <message>
        <source>Stores…</source>
        <translation>Shops…</translation>
    </message>
    <message>
        <source>Add, rename or remove stores</source>
        <translation>Shops hinzufügen, umbenennen oder entfernen</translation>
    </message>
    <message>
        <source>The store shown and synchronized</source>
        <translation>Der angezeigte und synchronisierte Shop</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Hauptleiste</translation>
    </message>
    <message>
        <source>Store:</source>
        <translation>Shop:</translation>
    </message>
    <message>
        <source>Customer Mapping</source>
        <translation>Kundenzuordnung</translation>
    </message>
    <message>
        <source>Setup</source>
        <translation>Einrichtung</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>Kunden</translation>
    </message>
    <message>
        <source>Webstore Customers</source>
        <translation>Webshop-Kunden</translation>
    </message>
    <message>
        <source>Templates</source>
        <translation>Vorlagen</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>Konflikte</translation>
    </message>
    <message>
        <source>Sync Log</source>
        <translation>Sync-Protokoll</translation>
    </message>
    <message>
        <source>no store set up</source>
        <translation>kein Webshop eingerichtet</translation>
    </message>
    <message>
        <source>Store {0}: {1}</source>
        <translation>Webshop {0}: {1}</translation>
    </message>
    <message>
        <source>Store: {0}</source>
        <translation>Webshop: {0}</translation>
    </message>
    <message>
        <source>Last sync: {0} ({1})</source>
        <translation>Letzte Synchronisierung: {0} ({1})</translation>
    </message>
    <message>
        <source>Last sync: never</source>
        <translation>Letzte Synchronisierung: nie</translation>
    </message>
    <message>
        <source>Unsaved setup</source>
        <translation>Nicht gespeicherte Einrichtung</translation>
    </message>
    <message>
        <source>The setup has changes that are not saved. Save them before leaving?</source>
        <translation>Die Einrichtung hat nicht gespeicherte Änderungen. Vor dem Verlassen speichern?</translation>
    </message>
    <message>
        <source>Secrets are kept in memory until the app closes. Enter them again now.</source>
        <translation>Geheimnisse werden bis zum Schließen der App im Speicher gehalten. Geben Sie sie jetzt erneut ein.</translation>
    </message>
    <message>
        <source>Create store accounts</source>
        <translation>Webshop-Konten anlegen</translation>
    </message>
    <message>
        <source>This sync creates {0} new customer account(s) in the store.

The store may send each of them WooCommerce&apos;s &quot;New account&quot; e-mail (an account invitation). Go on?</source>
        <translation>Diese Synchronisierung legt {0} neue(s) Kundenkonto/-konten im Webshop an.

Der Webshop sendet möglicherweise jedem davon die WooCommerce-E-Mail „Neues Konto“ (eine Kontoeinladung). Fortfahren?</translation>
    </message>
    <message>
        <source>Not synchronized: you chose not to create the store accounts.</source>
        <translation>Nicht synchronisiert: Sie haben sich gegen das Anlegen der Webshop-Konten entschieden.</translation>
    </message>
    <message>
        <source>Select the rows to synchronize first.</source>
        <translation>Wählen Sie zuerst die zu synchronisierenden Zeilen aus.</translation>
    </message>
    <message>
        <source>Stopping after the current batch…</source>
        <translation>Wird nach dem aktuellen Stapel angehalten…</translation>
    </message>
    <message>
        <source>Synchronizing…</source>
        <translation>Synchronisierung läuft…</translation>
    </message>
    <message>
        <source>nothing to do</source>
        <translation>nichts zu tun</translation>
    </message>
    <message>
        <source>no record was handled</source>
        <translation>kein Datensatz wurde bearbeitet</translation>
    </message>
    <message>
        <source>Sync {0}: {1}</source>
        <translation>Synchronisierung {0}: {1}</translation>
    </message>
    <message>
        <source>{0} is now linked to store customer {1}.</source>
        <translation>{0} ist jetzt mit Webshop-Kunde {1} verknüpft.</translation>
    </message>
    <message>
        <source>Looking for matches…</source>
        <translation>Suche nach Übereinstimmungen…</translation>
    </message>
    <message>
        <source>No mapping suggestions.</source>
        <translation>Keine Zuordnungsvorschläge.</translation>
    </message>
    <message numerus="yes">
        <source>%n mapping(s) applied.</source>
        <translation>
            <numerusform>%n Zuordnung übernommen.</numerusform>
            <numerusform>%n Zuordnungen übernommen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n store customer(s) imported.</source>
        <translation>
            <numerusform>%n Webshop-Kunde importiert.</numerusform>
            <numerusform>%n Webshop-Kunden importiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Not imported: {0}.</source>
        <translation>Nicht importiert: {0}.</translation>
    </message>
    <message>
        <source>Stopping the sync before closing…</source>
        <translation>Die Synchronisierung wird vor dem Schließen angehalten…</translation>
    </message>
    <message>
        <source>Finishing a background task before closing…</source>
        <translation>Eine Hintergrundaufgabe wird vor dem Schließen beendet…</translation>
    </message>
</context>
<context>
    <name>MappingTableModel</name>
    <message>
        <source>No.</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>E-Mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>Webstore Customer</source>
        <translation>Webshop-Kunde</translation>
    </message>
    <message>
        <source>Webstore ID</source>
        <translation>Webshop-ID</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Last Synced</source>
        <translation>Zuletzt synchronisiert</translation>
    </message>
    <message>
        <source>{0} (pending)</source>
        <translation>{0} (ausstehend)</translation>
    </message>
    <message>
        <source>The store does not allow changing a username once the customer exists.</source>
        <translation>Der Webshop erlaubt keine Änderung des Benutzernamens, sobald der Kunde existiert.</translation>
    </message>
    <message>
        <source>A password waits (sealed) and is sent with the next push.</source>
        <translation>Ein Passwort wartet (versiegelt) und wird bei der nächsten Übertragung gesendet.</translation>
    </message>
    <message>
        <source>Type a password to send with the next push (kept sealed until then).</source>
        <translation>Geben Sie ein Passwort ein, das bei der nächsten Übertragung gesendet wird (bis dahin versiegelt aufbewahrt).</translation>
    </message>
    <message>
        <source>A Webstore ID is a whole number, e.g. 42.</source>
        <translation>Eine Webshop-ID ist eine ganze Zahl, z. B. 42.</translation>
    </message>
    <message>
        <source>A Webstore ID is a positive whole number.</source>
        <translation>Eine Webshop-ID ist eine positive ganze Zahl.</translation>
    </message>
    <message>
        <source>checking ID {0}…</source>
        <translation>ID {0} wird geprüft…</translation>
    </message>
</context>
<context>
    <name>MappingView</name>
    <message>
        <source>Filter by No., name, e-mail or username</source>
        <translation>Nach Nr., Name, E-Mail oder Benutzername filtern</translation>
    </message>
    <message>
        <source>Select a customer to see its card.</source>
        <translation>Wählen Sie einen Kunden, um seine Karte zu sehen.</translation>
    </message>
    <message>
        <source>Select a customer to see its store customer (addresses, meta_data).</source>
        <translation>Wählen Sie einen Kunden, um seinen Webshop-Kunden zu sehen (Adressen, meta_data).</translation>
    </message>
    <message>
        <source>Loading customers…</source>
        <translation>Kunden werden geladen…</translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s)</source>
        <translation>
            <numerusform>%n Kunde</numerusform>
            <numerusform>%n Kunden</numerusform>
        </translation>
    </message>
    <message>
        <source>{0} of {1}</source>
        <translation>{0} von {1}</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Nein</translation>
    </message>
    <message>
        <source>Last result</source>
        <translation>Letztes Ergebnis</translation>
    </message>
    <message>
        <source>Store customer</source>
        <translation>Webshop-Kunde</translation>
    </message>
    <message>
        <source>Not linked to a store customer yet.</source>
        <translation>Noch mit keinem Webshop-Kunden verknüpft.</translation>
    </message>
    <message>
        <source>Webstore ID {0}; not seen in the store list yet.</source>
        <translation>Webshop-ID {0}; noch nicht in der Webshop-Liste gesehen.</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>E-Mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Modified (GMT)</source>
        <translation>Geändert (GMT)</translation>
    </message>
    <message>
        <source>Billing</source>
        <translation>Rechnungsadresse</translation>
    </message>
    <message>
        <source>Shipping</source>
        <translation>Lieferadresse</translation>
    </message>
</context>
<context>
    <name>RecordTableModel</name>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
</context>
<context>
    <name>Secrets</name>
    <message>
        <source>the system keyring (GNOME Keyring / Secret Service)</source>
        <translation>der Schlüsselbund des Systems (GNOME Keyring / Secret Service)</translation>
    </message>
    <message>
        <source>the macOS Keychain</source>
        <translation>der macOS-Schlüsselbund</translation>
    </message>
    <message>
        <source>Windows Credential Manager</source>
        <translation>die Windows-Anmeldeinformationsverwaltung</translation>
    </message>
    <message>
        <source>this session only (kept in memory, forgotten when the app exits)</source>
        <translation>nur diese Sitzung (im Speicher, beim Beenden der App vergessen)</translation>
    </message>
    <message>
        <source>the system keyring</source>
        <translation>der Schlüsselbund des Systems</translation>
    </message>
</context>
<context>
    <name>Setup</name>
    <message>
        <source>the store&apos;s address, e.g. https://shop.example.com</source>
        <translation>die Adresse des Webshops, z. B. https://shop.example.com</translation>
    </message>
    <message>
        <source>basic (HTTPS), query (HTTPS, for hosts that strip the Authorization header) or oauth1 (plain-HTTP stores)</source>
        <translation>basic (HTTPS), query (HTTPS, für Hosts, die den Authorization-Header entfernen) oder oauth1 (Webshops mit reinem HTTP)</translation>
    </message>
    <message>
        <source>a PEM file of extra trusted certificates (optional)</source>
        <translation>eine PEM-Datei mit zusätzlichen vertrauenswürdigen Zertifikaten (optional)</translation>
    </message>
    <message>
        <source>create/update store customers for rows with Webstore Customer ticked</source>
        <translation>Webshop-Kunden für Zeilen mit angehaktem „Webshop-Kunde“ anlegen/aktualisieren</translation>
    </message>
    <message>
        <source>push changes of mapped customers to the store</source>
        <translation>Änderungen zugeordneter Kunden an den Webshop übertragen</translation>
    </message>
    <message>
        <source>off, new (new store customers only) or all</source>
        <translation>aus, neu (nur neue Webshop-Kunden) oder alle</translation>
    </message>
    <message>
        <source>pulled changes update mapped back-office customers</source>
        <translation>abgerufene Änderungen aktualisieren zugeordnete Back-Office-Kunden</translation>
    </message>
    <message>
        <source>email_phone, bill_to or default_customer (for pulled customers)</source>
        <translation>nach E-Mail/Telefon, nach Rechnungsdaten oder immer der Standardkunde (für abgerufene Kunden)</translation>
    </message>
    <message>
        <source>store roles whose accounts are imported and linked as customers, separated by commas (e.g. customer, subscriber); shop staff (administrator, shop_manager) never</source>
        <translation>Webshop-Rollen, deren Konten als Kunden importiert und verknüpft werden, durch Kommas getrennt (z. B. customer, subscriber); Shop-Personal (administrator, shop_manager) nie</translation>
    </message>
    <message>
        <source>create back-office customers for unknown store customers</source>
        <translation>Back-Office-Kunden für unbekannte Webshop-Kunden anlegen</translation>
    </message>
    <message>
        <source>template for customers created from the store</source>
        <translation>Vorlage für Kunden, die aus dem Webshop angelegt werden</translation>
    </message>
    <message>
        <source>the customer used by &apos;Always Take the Default Customer&apos;</source>
        <translation>der Kunde, den „Immer den Standardkunden nehmen“ verwendet</translation>
    </message>
    <message>
        <source>not used yet: the app reads no orders, so no guest order ever reaches this customer (kept for a later order sync)</source>
        <translation>noch nicht verwendet: Die App liest keine Bestellungen, daher erreicht keine Gastbestellung diesen Kunden (für eine spätere Bestellsynchronisierung vorgesehen)</translation>
    </message>
    <message>
        <source>company_name, first_and_last_name, last_and_first_name or none</source>
        <translation>Firmenname, Vor- und Nachname, Nach- und Vorname oder keine</translation>
    </message>
    <message>
        <source>first_and_last_name, last_and_first_name or none</source>
        <translation>Vor- und Nachname, Nach- und Vorname oder keine</translation>
    </message>
    <message>
        <source>code or name</source>
        <translation>Code oder Name</translation>
    </message>
    <message>
        <source>meta_data key carrying the back-office No. on store customers</source>
        <translation>meta_data-Schlüssel, der die Back-Office-Nr. am Webshop-Kunden trägt</translation>
    </message>
    <message>
        <source>push edits of linked store customers shortly after they are made (updates only; new store accounts only with Create Store Accounts Automatically)</source>
        <translation>Änderungen verknüpfter Webshop-Kunden kurz danach übertragen (nur Aktualisierungen; neue Webshop-Konten nur mit „Webshop-Konten automatisch anlegen“)</translation>
    </message>
    <message>
        <source>let Push Changes Automatically and the recurring sync create the store accounts of customers ticked as Webstore Customer without asking; WooCommerce e-mails each new account its &apos;New account&apos; message</source>
        <translation>„Änderungen automatisch übertragen“ und die wiederkehrende Synchronisierung legen die Webshop-Konten der als Webshop-Kunde angehakten Kunden ohne Rückfrage an; WooCommerce sendet jedem neuen Konto seine E-Mail „Neues Konto“</translation>
    </message>
    <message>
        <source>recurring sync while the app runs (0 = off); it creates store accounts only when Create Store Accounts Automatically is on</source>
        <translation>wiederkehrende Synchronisierung, solange die App läuft (0 = aus); sie legt Webshop-Konten nur an, wenn „Webshop-Konten automatisch anlegen“ eingeschaltet ist</translation>
    </message>
    <message>
        <source>most parallel requests to the store (1-32); a sync finds how many the store takes, up to this, and remembers it</source>
        <translation>höchstens so viele gleichzeitige Anfragen an den Shop (1-32); eine Synchronisierung ermittelt, wie viele der Shop verkraftet, bis zu diesem Wert, und merkt sich das</translation>
    </message>
    <message>
        <source>find how many parallel requests the store takes (off: always Concurrency)</source>
        <translation>ermitteln, wie viele gleichzeitige Anfragen der Shop verkraftet (aus: immer der Höchstwert)</translation>
    </message>
    <message>
        <source>items per batch request (1-100)</source>
        <translation>Einträge je Stapelanfrage (1-100)</translation>
    </message>
    <message>
        <source>require first name, last name, address and city before pushing</source>
        <translation>Vorname, Nachname, Adresse und Ort vor dem Übertragen verlangen</translation>
    </message>
    <message>
        <source>generate a password for new store customers that have none</source>
        <translation>ein Passwort für neue Webshop-Kunden ohne Passwort erzeugen</translation>
    </message>
    <message>
        <source>seconds before a request is given up</source>
        <translation>Sekunden, bis eine Anfrage aufgegeben wird</translation>
    </message>
    <message>
        <source>a sync stops sending after this many minutes (what is done stays done)</source>
        <translation>eine Synchronisierung sendet nach so vielen Minuten nichts mehr (was erledigt ist, bleibt erledigt)</translation>
    </message>
    <message>
        <source>each phase of a sync (pull, push) stops sending after this many minutes</source>
        <translation>jede Phase einer Synchronisierung (Abrufen, Übertragen) sendet nach so vielen Minuten nichts mehr</translation>
    </message>
</context>
<context>
    <name>SetupView</name>
    <message>
        <source>Store URL</source>
        <translation>Webshop-URL</translation>
    </message>
    <message>
        <source>Authentication</source>
        <translation>Authentifizierung</translation>
    </message>
    <message>
        <source>CA Bundle (PEM File)</source>
        <translation>CA-Bundle (PEM-Datei)</translation>
    </message>
    <message>
        <source>Push Webstore Customers</source>
        <translation>Webshop-Kunden übertragen</translation>
    </message>
    <message>
        <source>Can Update Webstore Customers</source>
        <translation>Webshop-Kunden aktualisieren</translation>
    </message>
    <message>
        <source>Pull Webstore Customers</source>
        <translation>Webshop-Kunden abrufen</translation>
    </message>
    <message>
        <source>Store Can Update Customers</source>
        <translation>Webshop darf Kunden aktualisieren</translation>
    </message>
    <message>
        <source>Customer Mapping Type</source>
        <translation>Kundenzuordnungsart</translation>
    </message>
    <message>
        <source>Store Roles Taken as Customers</source>
        <translation>Webshop-Rollen, die als Kunden gelten</translation>
    </message>
    <message>
        <source>Auto Create Unknown Customers</source>
        <translation>Unbekannte Kunden automatisch anlegen</translation>
    </message>
    <message>
        <source>Customer Template Code</source>
        <translation>Debitorenvorlagencode</translation>
    </message>
    <message>
        <source>Default Customer No.</source>
        <translation>Standardkundennr.</translation>
    </message>
    <message>
        <source>Default Guest Customer (Not Used Yet)</source>
        <translation>Standard-Gastkunde (noch nicht verwendet)</translation>
    </message>
    <message>
        <source>Name Source</source>
        <translation>Herkunft Name</translation>
    </message>
    <message>
        <source>Name 2 Source</source>
        <translation>Herkunft Name 2</translation>
    </message>
    <message>
        <source>Contact Source</source>
        <translation>Herkunft Kontakt</translation>
    </message>
    <message>
        <source>County Source</source>
        <translation>Herkunft Bundesregion</translation>
    </message>
    <message>
        <source>Customer No. Meta Key</source>
        <translation>Meta-Schlüssel für Kundennr.</translation>
    </message>
    <message>
        <source>Push Changes Automatically</source>
        <translation>Änderungen automatisch übertragen</translation>
    </message>
    <message>
        <source>Create Store Accounts Automatically</source>
        <translation>Webshop-Konten automatisch anlegen</translation>
    </message>
    <message>
        <source>Sync Every (Minutes, 0 = Off)</source>
        <translation>Synchronisieren alle (Minuten, 0 = aus)</translation>
    </message>
    <message>
        <source>Most Parallel Requests</source>
        <translation>Höchstens gleichzeitige Anfragen</translation>
    </message>
    <message>
        <source>Find the Store&apos;s Capacity</source>
        <translation>Leistung des Shops ermitteln</translation>
    </message>
    <message>
        <source>Batch Size</source>
        <translation>Stapelgröße</translation>
    </message>
    <message>
        <source>Strict Address</source>
        <translation>Strenge Adressprüfung</translation>
    </message>
    <message>
        <source>Generate Passwords</source>
        <translation>Passwörter erzeugen</translation>
    </message>
    <message>
        <source>Request Timeout (Seconds)</source>
        <translation>Zeitlimit je Anfrage (Sekunden)</translation>
    </message>
    <message>
        <source>Time Limit per Sync (Minutes)</source>
        <translation>Zeitlimit je Synchronisierung (Minuten)</translation>
    </message>
    <message>
        <source>Time Limit per Phase (Minutes)</source>
        <translation>Zeitlimit je Phase (Minuten)</translation>
    </message>
    <message>
        <source>Basic over HTTPS</source>
        <translation>Basic über HTTPS</translation>
    </message>
    <message>
        <source>Credentials in the query string (HTTPS)</source>
        <translation>Zugangsdaten in der Abfragezeichenfolge (HTTPS)</translation>
    </message>
    <message>
        <source>OAuth 1.0a (plain-HTTP stores)</source>
        <translation>OAuth 1.0a (Webshops mit reinem HTTP)</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Aus</translation>
    </message>
    <message>
        <source>New Customers Only</source>
        <translation>Nur neue Kunden</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>By Email/Phone</source>
        <translation>Nach E-Mail/Telefon</translation>
    </message>
    <message>
        <source>By Bill-to Info</source>
        <translation>Nach Rechnungsdaten</translation>
    </message>
    <message>
        <source>Always Take the Default Customer</source>
        <translation>Immer den Standardkunden nehmen</translation>
    </message>
    <message>
        <source>Company Name</source>
        <translation>Firmenname</translation>
    </message>
    <message>
        <source>First and Last Name</source>
        <translation>Vor- und Nachname</translation>
    </message>
    <message>
        <source>Last and First Name</source>
        <translation>Nach- und Vorname</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>Webshop</translation>
    </message>
    <message>
        <source>Synchronization</source>
        <translation>Synchronisierung</translation>
    </message>
    <message>
        <source>Customers from the Store</source>
        <translation>Kunden aus dem Webshop</translation>
    </message>
    <message>
        <source>Names and Fields</source>
        <translation>Namen und Felder</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>Erweitert</translation>
    </message>
    <message>
        <source>saved in the keyring — type to replace</source>
        <translation>im Schlüsselbund gespeichert – zum Ersetzen eingeben</translation>
    </message>
    <message>
        <source>kept for this session only — type to replace</source>
        <translation>nur für diese Sitzung aufbewahrt – zum Ersetzen eingeben</translation>
    </message>
    <message>
        <source>Consumer Key</source>
        <translation>Consumer Key</translation>
    </message>
    <message>
        <source>Consumer Secret</source>
        <translation>Consumer Secret</translation>
    </message>
    <message>
        <source>Test Connection</source>
        <translation>Verbindung testen</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>Verwerfen</translation>
    </message>
    <message>
        <source>Credentials are kept in: {0}</source>
        <translation>Zugangsdaten werden aufbewahrt in: {0}</translation>
    </message>
    <message>
        <source>Settings saved; the credentials were not (see the note above).</source>
        <translation>Einstellungen gespeichert; die Zugangsdaten nicht (siehe Hinweis oben).</translation>
    </message>
    <message>
        <source>Setup saved.</source>
        <translation>Einrichtung gespeichert.</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Wird getestet…</translation>
    </message>
</context>
<context>
    <name>StoresDialog</name>
    <message>
        <source>Stores</source>
        <translation>Shops</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>Hinzufügen…</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Umbenennen…</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>Entfernen…</translation>
    </message>
    <message>
        <source>Each store has its own setup, credentials, mappings, Sync Log and conflicts; the back-office customers are shared.</source>
        <translation>Jeder Shop hat seine eigene Einrichtung, Zugangsdaten, Zuordnungen, sein Sync-Protokoll und seine Konflikte; die Debitoren sind gemeinsam.</translation>
    </message>
    <message>
        <source>Remove store</source>
        <translation>Shop entfernen</translation>
    </message>
    <message>
        <source>Removing the store {0} deletes from this database:

• its {1} mapping(s), {2} of them linked to a store customer (Username, Webstore ID, status)
• {3} webstore customer copies, {4} sync run(s) of its Sync Log and {5} open conflict(s)
• {6} password(s) waiting to be sent, its setup, and its consumer key and secret in the keyring

Back-office customers stay, and nothing is changed in the store itself. Remove it?</source>
        <translation>Das Entfernen des Shops {0} löscht aus dieser Datenbank:

• seine {1} Zuordnung(en), davon {2} mit einem Shop-Kunden verknüpft (Benutzername, Webshop-ID, Status)
• {3} Kopien von Webshop-Kunden, {4} Synchronisierung(en) seines Sync-Protokolls und {5} offene(n) Konflikt(e)
• {6} noch zu sendende(s) Passwort/Passwörter, seine Einrichtung sowie seinen Consumer Key und Secret im Schlüsselbund

Die Debitoren bleiben, und im Shop selbst wird nichts geändert. Entfernen?</translation>
    </message>
    <message>
        <source>Add store</source>
        <translation>Shop hinzufügen</translation>
    </message>
    <message>
        <source>Name of the new store:</source>
        <translation>Name des neuen Shops:</translation>
    </message>
    <message>
        <source>Store {0} added: choose it on the toolbar, then fill in its Setup.</source>
        <translation>Shop {0} hinzugefügt: Wählen Sie ihn in der Symbolleiste und füllen Sie dann seine Einrichtung aus.</translation>
    </message>
    <message>
        <source>Rename store</source>
        <translation>Shop umbenennen</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>Neuer Name:</translation>
    </message>
    <message>
        <source>A sync is running: remove the store when it has ended.</source>
        <translation>Eine Synchronisierung läuft: Entfernen Sie den Shop, wenn sie beendet ist.</translation>
    </message>
    <message>
        <source>Removing {0}…</source>
        <translation>{0} wird entfernt…</translation>
    </message>
    <message>
        <source>Store {0} removed.</source>
        <translation>Shop {0} entfernt.</translation>
    </message>
</context>
<context>
    <name>SuggestDialog</name>
    <message>
        <source>Suggest Mapping</source>
        <translation>Zuordnung vorschlagen</translation>
    </message>
    <message>
        <source>{0} proposals for unmapped customers.</source>
        <translation>{0} Vorschläge für nicht zugeordnete Kunden.</translation>
    </message>
    <message>
        <source>{0} are ambiguous and are not applied; type the Webstore ID in the grid to decide them.</source>
        <translation>{0} sind nicht eindeutig und werden nicht übernommen; geben Sie die Webshop-ID in der Tabelle ein, um sie zu entscheiden.</translation>
    </message>
    <message>
        <source>Applying links each ticked row to its store customer, and the row takes that customer&apos;s store username (Username Taken); the store does not allow changing it later.</source>
        <translation>Übernehmen verknüpft jede angehakte Zeile mit ihrem Webshop-Kunden, und die Zeile übernimmt dessen Benutzernamen im Webshop (Übernommener Benutzername); der Webshop erlaubt später keine Änderung.</translation>
    </message>
</context>
<context>
    <name>SuggestionModel</name>
    <message>
        <source>Apply</source>
        <translation>Übernehmen</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Store Customer</source>
        <translation>Webshop-Kunde</translation>
    </message>
    <message>
        <source>Store E-Mail</source>
        <translation>E-Mail im Webshop</translation>
    </message>
    <message>
        <source>Username Taken</source>
        <translation>Übernommener Benutzername</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Punktzahl</translation>
    </message>
    <message>
        <source>ambiguous</source>
        <translation>nicht eindeutig</translation>
    </message>
    <message>
        <source>{0} (replaces {1})</source>
        <translation>{0} (ersetzt {1})</translation>
    </message>
</context>
<context>
    <name>SyncLogView</name>
    <message>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Gestartet</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Richtung</translation>
    </message>
    <message>
        <source>Selection</source>
        <translation>Auswahl</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Outcomes</source>
        <translation>Ergebnisse</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Anfragen</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Customer No.</source>
        <translation>Kundennr.</translation>
    </message>
    <message>
        <source>Webstore ID</source>
        <translation>Webshop-ID</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Errors only</source>
        <translation>Nur Fehler</translation>
    </message>
</context>
<context>
    <name>TemplatesView</name>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Template Code</source>
        <translation>Vorlagencode</translation>
    </message>
    <message>
        <source>Default Customer No.</source>
        <translation>Standardkundennr.</translation>
    </message>
    <message>
        <source>Customer Templates</source>
        <translation>Debitorenvorlagen</translation>
    </message>
    <message>
        <source>Country/Region Templates</source>
        <translation>Länder-/Regionsvorlagen</translation>
    </message>
    <message>
        <source>Counties</source>
        <translation>Bundesregionen</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>Hinzufügen…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>there is no customer template {0}</source>
        <translation>es gibt keine Debitorenvorlage {0}</translation>
    </message>
    <message>
        <source>a county needs a name</source>
        <translation>eine Bundesregion braucht einen Namen</translation>
    </message>
    <message>
        <source>{0} exists already; it is selected so you can edit it</source>
        <translation>{0} existiert bereits; es ist ausgewählt, damit Sie es bearbeiten können</translation>
    </message>
    <message>
        <source>New customer template</source>
        <translation>Neue Debitorenvorlage</translation>
    </message>
    <message>
        <source>Code:</source>
        <translation>Code:</translation>
    </message>
    <message>
        <source>Customer template {0}</source>
        <translation>Debitorenvorlage {0}</translation>
    </message>
    <message>
        <source>New country template</source>
        <translation>Neue Ländervorlage</translation>
    </message>
    <message>
        <source>Country/Region Code:</source>
        <translation>Länder-/Regionscode:</translation>
    </message>
    <message>
        <source>The country template for {0}</source>
        <translation>Die Ländervorlage für {0}</translation>
    </message>
    <message>
        <source>New county</source>
        <translation>Neue Bundesregion</translation>
    </message>
    <message>
        <source>Country code, county code, name:</source>
        <translation>Ländercode, Bundesregionscode, Name:</translation>
    </message>
    <message>
        <source>enter the country code, the county code and its name, separated by commas (e.g. DE, BY, Bayern)</source>
        <translation>geben Sie den Ländercode, den Bundesregionscode und ihren Namen ein, durch Kommas getrennt (z. B. DE, BY, Bayern)</translation>
    </message>
    <message>
        <source>County {0} of {1}</source>
        <translation>Bundesregion {0} von {1}</translation>
    </message>
    <message>
        <source>customer template {0}</source>
        <translation>Debitorenvorlage {0}</translation>
    </message>
    <message>
        <source>the country template for {0}</source>
        <translation>die Ländervorlage für {0}</translation>
    </message>
    <message>
        <source>county {0} of {1}</source>
        <translation>Bundesregion {0} von {1}</translation>
    </message>
    <message>
        <source>customer template {0} is still used by the country template(s) of {1}; give them another template first</source>
        <translation>Debitorenvorlage {0} wird noch von der/den Ländervorlage(n) für {1} verwendet; weisen Sie diesen zuerst eine andere Vorlage zu</translation>
    </message>
    <message>
        <source>customer template {0} is the Customer Template Code in Setup; choose another one there first</source>
        <translation>Debitorenvorlage {0} ist der Debitorenvorlagencode in der Einrichtung; wählen Sie dort zuerst eine andere</translation>
    </message>
    <message>
        <source>customer template {0} is the Customer Template Code in the Setup of the store {1}; choose another one there first</source>
        <translation>Debitorenvorlage {0} ist der Debitorenvorlagencode in der Einrichtung des Shops {1}; wählen Sie dort zuerst eine andere</translation>
    </message>
    <message>
        <source>select the entries to delete first</source>
        <translation>wählen Sie zuerst die zu löschenden Einträge aus</translation>
    </message>
    <message>
        <source>Delete {0}? This cannot be undone.</source>
        <translation>{0} löschen? Das kann nicht rückgängig gemacht werden.</translation>
    </message>
</context>
<context>
    <name>WebstoreView</name>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>E-Mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <source>First Name</source>
        <translation>Vorname</translation>
    </message>
    <message>
        <source>Last Name</source>
        <translation>Nachname</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Firma</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Land</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Mapped to</source>
        <translation>Zugeordnet zu</translation>
    </message>
    <message>
        <source>Modified (GMT)</source>
        <translation>Geändert (GMT)</translation>
    </message>
    <message>
        <source>Filter store customers</source>
        <translation>Webshop-Kunden filtern</translation>
    </message>
    <message>
        <source>Import Selected</source>
        <translation>Auswahl importieren</translation>
    </message>
    <message>
        <source>Create back-office customers for the selected unmapped store customers</source>
        <translation>Back-Office-Kunden für die ausgewählten, nicht zugeordneten Webshop-Kunden anlegen</translation>
    </message>
    <message>
        <source>Try Mapping</source>
        <translation>Zuordnung versuchen</translation>
    </message>
    <message>
        <source>{0} in the store, {1} unmapped</source>
        <translation>{0} im Webshop, {1} nicht zugeordnet</translation>
    </message>
</context>
<context>
    <name>Words</name>
    <message>
        <source>created</source>
        <translation>angelegt</translation>
    </message>
    <message>
        <source>updated</source>
        <translation>aktualisiert</translation>
    </message>
    <message>
        <source>adopted</source>
        <translation>übernommen</translation>
    </message>
    <message>
        <source>linked</source>
        <translation>verknüpft</translation>
    </message>
    <message>
        <source>imported</source>
        <translation>importiert</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>unverändert</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>übersprungen</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>conflict</source>
        <translation>Konflikt</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>ausstehend</translation>
    </message>
    <message>
        <source>synced</source>
        <translation>synchronisiert</translation>
    </message>
    <message>
        <source>error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>done</source>
        <translation>fertig</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>push</source>
        <translation>Übertragung</translation>
    </message>
    <message>
        <source>pull</source>
        <translation>Abruf</translation>
    </message>
    <message>
        <source>both</source>
        <translation>beide</translation>
    </message>
    <message>
        <source>all</source>
        <translation>alle</translation>
    </message>
</context>
</TS>
