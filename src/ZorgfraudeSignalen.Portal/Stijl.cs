namespace ZorgfraudeSignalen.Portal;

/// <summary>The portal's stylesheet, served from /stijl.css: no CDN, no web fonts, nothing fetched from elsewhere.</summary>
public static class Stijl
{
    public const string Css = """
        :root { --blauw:#154273; --blauw2:#01689b; --licht:#f3f6f9; --rand:#d7dee6; --tekst:#1b1f24; --grijs:#5b6670; --rood:#b3261e; --oranje:#b35c00; --groen:#2e7d32; --geel:#fff4c2; }
        * { box-sizing:border-box; }
        body { margin:0; font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif; color:var(--tekst); background:var(--licht); }
        a { color:var(--blauw2); } a:hover { color:var(--blauw); }
        .ontwikkel { background:var(--geel); border-bottom:2px solid #e0b400; padding:8px 24px; font-size:14px; display:flex; gap:16px; align-items:center; flex-wrap:wrap; }
        .ontwikkel form { display:flex; gap:6px; align-items:center; margin-left:auto; }
        .ontwikkel input, .ontwikkel select { font:inherit; padding:2px 6px; }
        .kop { background:var(--blauw); color:#fff; display:flex; align-items:center; gap:28px; padding:12px 24px; }
        .kop a { color:#fff; text-decoration:none; }
        .merk a { font-weight:700; font-size:18px; display:block; } .merk span { font-size:12px; opacity:.8; }
        .kop nav { display:flex; gap:18px; } .kop nav a { padding:4px 0; border-bottom:2px solid transparent; } .kop nav a:hover { border-color:#fff; }
        .wie { margin-left:auto; font-size:14px; } .wie small { opacity:.8; }
        main { max-width:1320px; margin:0 auto; padding:20px 24px 40px; }
        footer { text-align:center; color:var(--grijs); font-size:13px; padding:16px; border-top:1px solid var(--rand); }
        h1 { font-size:26px; margin:8px 0 6px; color:var(--blauw); } h2 { font-size:18px; margin:0 0 10px; color:var(--blauw); } h3 { font-size:15px; margin:18px 0 8px; }
        .intro { max-width:900px; } .sub { color:var(--grijs); font-size:13px; } .kruimel { margin:0 0 6px; font-size:14px; }
        .melding { background:#e8f1fb; border-left:4px solid var(--blauw2); padding:10px 14px; margin:10px 0; }
        .melding.ok { background:#e7f4e8; border-color:var(--groen); } .melding.fout { background:#fdecea; border-color:var(--rood); }
        .tellers { display:flex; gap:10px; flex-wrap:wrap; margin:12px 0; } .teller { background:#fff; border:1px solid var(--rand); border-radius:6px; padding:6px 10px; text-decoration:none; color:var(--tekst); }
        .filters { display:flex; flex-wrap:wrap; gap:10px 14px; align-items:end; background:#fff; border:1px solid var(--rand); border-radius:8px; padding:12px 14px; }
        .filters label { display:flex; flex-direction:column; font-size:12px; color:var(--grijs); }
        .filters select, .filters input { font:inherit; color:var(--tekst); padding:4px 6px; border:1px solid #aab4be; border-radius:4px; background:#fff; }
        .filters .export { margin-left:auto; }
        button { font:inherit; background:var(--blauw2); color:#fff; border:0; border-radius:4px; padding:7px 14px; cursor:pointer; }
        button:hover { background:var(--blauw); } button.secundair { background:#fff; color:var(--blauw2); border:1px solid var(--blauw2); }
        button[disabled] { background:#c5ccd3; color:#fff; border-color:#c5ccd3; cursor:not-allowed; }
        .aantal { color:var(--grijs); font-size:13px; margin:10px 0 4px; }
        table { border-collapse:collapse; width:100%; background:#fff; }
        .lijst { border:1px solid var(--rand); border-radius:8px; overflow:hidden; }
        th { text-align:left; font-size:12px; text-transform:uppercase; letter-spacing:.03em; color:var(--grijs); background:#eef2f6; padding:8px 10px; border-bottom:1px solid var(--rand); }
        th a { color:var(--grijs); text-decoration:none; } th a:hover { color:var(--blauw); }
        td { padding:8px 10px; border-bottom:1px solid #edf0f3; vertical-align:top; }
        tbody tr:hover { background:#f8fafc; } td.num { text-align:right; font-variant-numeric:tabular-nums; white-space:nowrap; }
        td.leeg { text-align:center; color:var(--grijs); padding:24px; }
        .score { font-weight:700; }
        .code.steekproef { background:#fff4d6; border-color:#d9a300; } .melding.steekproef { background:#fff8e6; border-color:#d9a300; }
        .code { display:inline-block; font:12px/1.6 ui-monospace,Menlo,Consolas,monospace; background:#eef2f6; border:1px solid var(--rand); border-radius:3px; padding:0 5px; margin:1px 3px 1px 0; }
        .status { display:inline-block; font-size:12px; font-weight:600; border-radius:10px; padding:1px 9px; white-space:nowrap; border:1px solid; }
        /* Statuses in neutral tones: a status is a step in a review, not an alarm or a verdict. */
        .s-te_beoordelen { color:var(--blauw); background:#eef3f8; } .s-nader_onderzoek_voorgesteld { color:#3d4a57; background:#f1f1ec; border-style:dashed; }
        .s-nader_onderzoek { color:#3d4a57; background:#e9e9e2; font-weight:600; } .s-geen_aanwijzing { color:#3d4a57; background:#f4f6f8; }
        .s-buiten_beschouwing { color:#555; background:#f4f4f4; } .s-niet_gepubliceerd { color:#777; background:#fafafa; border-style:dotted; }
        .indicator { display:inline-block; margin:0 6px 3px 0; font-size:13px; } .indicator .code { font-size:10px; }
        .persoon { display:inline-block; font-size:11px; border:1px solid #8a7a4a; color:#5c4f26; background:#fbf6e6; border-radius:8px; padding:0 6px; vertical-align:middle; }
        .persoonmelding { background:#fbf6e6; border-color:#8a7a4a; }
        .herhaling { display:block; font-size:12px; color:var(--grijs); margin-top:3px; } .herhaling.ongewijzigd { color:var(--oranje); font-weight:600; }
        .paginering { display:flex; gap:16px; justify-content:center; margin:14px 0; }
        .signaalkop { display:flex; justify-content:space-between; align-items:flex-end; gap:20px; flex-wrap:wrap; margin-bottom:14px; }
        .kerncijfers { display:flex; gap:22px; align-items:flex-end; } .kerncijfers > div { display:flex; flex-direction:column; align-items:center; font-size:12px; color:var(--grijs); }
        .groot { font-size:26px; font-weight:700; color:var(--blauw); }
        .raster2 { display:grid; grid-template-columns:minmax(0,3fr) minmax(320px,2fr); gap:16px; }
        @media (max-width:1000px) { .raster2 { grid-template-columns:1fr; } }
        .kaart { background:#fff; border:1px solid var(--rand); border-radius:8px; padding:16px 18px; margin-bottom:16px; }
        .toelichting { font-size:16px; margin:0; }
        .tabel th { background:#f6f8fa; } .tabel tr.niet { color:var(--grijs); } .tabel tr.af td:first-child { border-left:3px solid var(--oranje); }
        .basis { background:var(--licht); padding:8px 10px; border-radius:6px; }
        .nietweten { background:#fffdf4; border-color:#eadca6; } .nietweten ul { padding-left:20px; margin:0; } .nietweten li { margin-bottom:6px; }
        .formulier { display:flex; flex-direction:column; gap:10px; margin-top:8px; }
        .formulier fieldset { border:1px solid var(--rand); border-radius:6px; padding:8px 12px; display:flex; flex-direction:column; gap:6px; }
        .formulier legend { font-size:13px; color:var(--grijs); }
        .formulier textarea, .formulier input[type=date] { font:inherit; width:100%; padding:6px 8px; border:1px solid #aab4be; border-radius:4px; }
        .formulier input[type=date] { width:auto; }
        .keuze { display:grid; grid-template-columns:auto 1fr; column-gap:8px; } .keuze span { grid-column:2; font-size:13px; color:var(--grijs); }
        .formulier button { align-self:flex-start; }
        .stappen { padding-left:18px; } .stappen li { margin-bottom:10px; } .stapkop span { font-size:13px; color:var(--grijs); }
        .motivering { white-space:pre-wrap; background:var(--licht); border-radius:4px; padding:6px 8px; margin-top:3px; font-size:14px; }
        .bewaard { background:#fff8e6; border:1px solid #eadca6; border-radius:6px; padding:8px 10px; margin:8px 0; font-size:13px; }
        .bewaard textarea { width:100%; font:inherit; margin-top:4px; background:#fffdf6; border:1px solid #e2d39a; }
        .voorstel { border-left:3px solid var(--oranje); padding-left:10px; margin:8px 0; }
        details.pand { border:1px solid var(--rand); border-radius:6px; padding:6px 10px; margin-bottom:8px; } details summary { cursor:pointer; }
        svg text { font:12px system-ui,sans-serif; fill:var(--tekst); } svg .as { fill:var(--grijs); font-size:11px; }
        svg .raster { stroke:#e3e8ee; } svg .staaf { fill:var(--blauw2); } svg .staaf.boven { fill:var(--rood); } svg .maximum { stroke:var(--tekst); stroke-width:2; stroke-dasharray:4 2; }
        svg .verhuizing { fill:var(--blauw2); } svg .zorgstart { fill:var(--oranje); } svg .verband { stroke:#9aa5b1; stroke-width:2; } svg .verband.kort { stroke:var(--rood); stroke-width:3; }
        svg.cluster { background:#fbfcfd; border:1px solid #eef1f4; border-radius:6px; }
        svg .lijn { stroke:#8fa3b8; fill:none; } svg .lijn.vestiging { stroke:var(--blauw); stroke-dasharray:5 3; stroke-width:1.5; } svg .lijn.bestuurder, svg .lijn.rekening { stroke:var(--oranje); stroke-width:2; }
        svg .knoop.aanbieder circle { fill:#fff; stroke:var(--blauw2); stroke-width:2.5; } svg .knoop.huidig circle { fill:var(--blauw); stroke:var(--blauw); }
        svg .knoop.huidig text { font-weight:700; } svg .knoop.pand rect { fill:#e8edf2; stroke:#56687a; stroke-width:1.5; }
        svg .gewicht { font-size:11px; font-weight:700; fill:var(--blauw); paint-order:stroke; stroke:#fff; stroke-width:3px; } svg .kolomkop { font-weight:700; fill:var(--grijs); }
        svg.aandeel .achter { fill:#eef2f6; } svg.aandeel .voor { fill:var(--oranje); }
        svg.grafiek { max-width:100%; height:auto; }
        .legenda { font-size:12px; color:var(--grijs); display:flex; gap:8px; align-items:center; flex-wrap:wrap; }
        .legenda span { display:inline-block; width:14px; height:10px; margin-left:8px; }
        .l-staaf { background:var(--blauw2); } .l-boven { background:var(--rood); } .l-max { border-top:2px dashed var(--tekst); height:0 !important; }
        .l-verhuizing { background:var(--blauw2); border-radius:50%; width:10px !important; } .l-zorgstart { background:var(--oranje); width:10px !important; } .l-kort { border-top:3px solid var(--rood); height:0 !important; }
        .l-clienten { border-top:3px solid #8fa3b8; height:0 !important; } .l-vestiging { border-top:2px dashed var(--blauw); height:0 !important; } .l-bestuurder { border-top:2px solid var(--oranje); height:0 !important; }
        .taken li { margin-bottom:8px; } pre.rapport { background:#fff; border:1px solid var(--rand); padding:12px; overflow:auto; } td.hash { font-family:ui-monospace,monospace; font-size:12px; }
        td.tijd { white-space:nowrap; font-size:13px; } td.onderwerp { font-size:13px; word-break:break-all; } td.details { font-size:12px; color:var(--grijs); }
        td.details span { display:inline-block; margin-right:8px; } td.details b { font-weight:600; color:var(--tekst); }
        tr.let-op td:first-child { border-left:3px solid var(--rood); } .te-laat, .termijn.verstreken { display:inline-block; font-size:12px; font-weight:700; color:var(--rood); }
        .waarschuwingen li { color:var(--rood); } .quarantaine { border-left:3px solid var(--oranje); padding-left:10px; margin:8px 0; } .resultaat { font-size:12px; font-weight:600; } .r-quarantined, .r-rejected { color:var(--rood); }
        .termijn { display:block; font-size:12px; color:var(--grijs); margin-top:3px; } .kennisgevingstekst { white-space:pre-wrap; background:#fff; border:1px solid var(--rand); padding:10px; font-size:14px; max-height:420px; overflow:auto; }
        .s-kennisgeving_verstuurd { color:var(--oranje); background:#fff1e0; } .s-zienswijze_ontvangen { color:var(--blauw2); background:#e8f1fb; } .s-afgesloten { color:#333; background:#e6e6e6; }
        .dpia .intevullen { background:var(--geel); border-left:4px solid #e0b400; padding:8px 12px; }
        """;
}
