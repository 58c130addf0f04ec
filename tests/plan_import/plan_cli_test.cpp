// `wardcast plan import` and `wardcast plan check` as a user runs them:
// Word and PDF documents made here with pandoc and pango-view, bad inputs,
// the atomic -o file, and campaign-file errors with their line numbers.
#include <catch2/catch.hpp>

#include <filesystem>
#include <sstream>

#include "content/plan_import/campaign.hpp"
#include "tests/plan_import/plan_variants.hpp"
#include "tests/support/test_support.hpp"

using namespace wardcast;
using namespace wardcast::test;
using Catch::Contains;
namespace fs = std::filesystem;

namespace {

std::string htmlEscape(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (c == '&') out += "&amp;";
    else out.push_back(c);
  }
  return out;
}

// Plain text -> HTML with one <p> per line and <table> rows for tab lines,
// so that pandoc keeps the plan's own numbering as text.
std::string toHtml(const std::string& text) {
  std::string html = "<html><head><meta charset=\"utf-8\"></head><body>\n";
  std::istringstream in(text);
  bool in_table = false;
  for (std::string line; std::getline(in, line);) {
    bool row = line.find('\t') != std::string::npos;
    if (row && !in_table) html += "<table>\n";
    if (!row && in_table) html += "</table>\n";
    in_table = row;
    if (row) {
      html += "<tr>";
      std::istringstream cells(line);
      for (std::string cell; std::getline(cells, cell, '\t');) html += "<td>" + htmlEscape(cell) + "</td>";
      html += "</tr>\n";
    } else if (!line.empty()) {
      html += "<p>" + htmlEscape(line) + "</p>\n";
    }
  }
  if (in_table) html += "</table>\n";
  return html + "</body></html>\n";
}

// Section, id, title and quotas of every topic in a campaign file.
std::string topicsOf(const fs::path& campaign_file) {
  Campaign c = loadCampaignFile(campaign_file);
  std::string out;
  for (const auto& t : c.topics) {
    out += t.section + " " + t.id + " " + t.title + (t.end ? " end " + formatDate(*t.end) : "");
    for (const auto& q : t.quotas) out += " | " + q.target + " " + std::to_string(q.plays) + "/" + toString(q.per);
    out += "\n";
  }
  return out;
}

// The demo station, named: without --config the command would read a
// station installed on the machine (/etc/wardcast/wardcast.toml). Its data
// directory is the test's own (`data_dir`), not config/demo/data in the
// source tree.
const std::string kDemo = (sourceDir() / "config" / "demo" / "wardcast.toml").string();

ProcessResult importWithDemo(std::vector<std::string> args, const fs::path& data_dir) {
  args.insert(args.begin(), {"--config", kDemo, "--data-dir", data_dir.string()});
  return runCli(args);
}

ProcessResult importTo(const fs::path& doc, const fs::path& out) {
  return importWithDemo({"plan", "import", doc.string(), "-o", out.string()}, out.parent_path() / "data");
}

const char* kSamples[] = {"huong-tra-2026.txt", "bac-hong-linh-2026.txt", "me-linh-2024.txt"};

}  // namespace

TEST_CASE("plan import writes a campaign that plan check accepts, and lists what it skipped") {
  TempDir dir;
  auto out = dir / "huong-tra.toml";
  auto r = importTo(samplePlansDir() / "huong-tra-2026.txt", out);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.empty());
  CHECK(r.err.find("skipped website") != std::string::npos);
  CHECK(r.err.find("skipped social media") != std::string::npos);
  CHECK(r.err.find("18 topics") != std::string::npos);
  std::string toml = readFile(out);
  CHECK(toml.find("# guess:") != std::string::npos);
  CHECK(toml.find("source = \"huong-tra-2026.txt\"") != std::string::npos);
  auto check = runCli({"plan", "check", "--standalone", out.string()});
  INFO(check.err);
  CHECK(check.exit_code == 0);
  CHECK(check.out.find("18 topics") != std::string::npos);
  // Without -o the campaign goes to standard output.
  auto stdout_run = importWithDemo({"plan", "import", (samplePlansDir() / "me-linh-2024.txt").string()}, dir / "data");
  CHECK(stdout_run.exit_code == 0);
  CHECK(stdout_run.out.rfind("# Campaign drafted", 0) == 0);
  CHECK(stdout_run.out.find("[[topic]]") != std::string::npos);
}

TEST_CASE("a Word document made with pandoc yields the same topics as the text") {
  TempDir dir;
  for (const char* name : kSamples) {
    INFO(name);
    fs::path txt = samplePlansDir() / name;
    writeFile(dir / "plan.html", toHtml(readFile(txt)));
    auto pandoc = run({"pandoc", "-f", "html", "-t", "docx", "-o", (dir / "plan.docx").string(),
                       (dir / "plan.html").string()});
    REQUIRE(pandoc.exit_code == 0);
    auto from_text = importTo(txt, dir / "text.toml");
    auto from_docx = importTo(dir / "plan.docx", dir / "docx.toml");
    INFO(from_docx.err);
    REQUIRE(from_text.exit_code == 0);
    REQUIRE(from_docx.exit_code == 0);
    CHECK(topicsOf(dir / "docx.toml") == topicsOf(dir / "text.toml"));
  }
}

TEST_CASE("a PDF made with pango-view yields the same topics as the text") {
  TempDir dir;
  for (const char* name : kSamples) {
    INFO(name);
    fs::path txt = samplePlansDir() / name;
    auto pango = run({"pango-view", "-q", "--output=" + (dir / "plan.pdf").string(), "--width=560", "--wrap=word",
                      "--font=DejaVu Sans 9", txt.string()});
    INFO(pango.err);
    REQUIRE(pango.exit_code == 0);
    auto from_text = importTo(txt, dir / "text.toml");
    auto from_pdf = importTo(dir / "plan.pdf", dir / "pdf.toml");
    INFO(from_pdf.err);
    REQUIRE(from_text.exit_code == 0);
    REQUIRE(from_pdf.exit_code == 0);
    CHECK(topicsOf(dir / "pdf.toml") == topicsOf(dir / "text.toml"));
  }
}

// A PDF's table has columns, not tab characters: the test lays the task
// table out with wide gaps (as a table's cells are) and expects the rows
// back as tasks with their own titles, deadlines and the campaign's title
// on its own (the blank line after it survives too).
TEST_CASE("a PDF with a task table yields the same topics and texts as the text") {
  TempDir dir;
  std::string text = tanAnPlan(), laid_out;
  for (char c : text) laid_out += c == '\t' ? std::string(8, ' ') : std::string(1, c);
  writeFile(dir / "plan.txt", text);
  writeFile(dir / "laid-out.txt", laid_out);
  auto pango = run({"pango-view", "-q", "--output=" + (dir / "plan.pdf").string(), "--width=560", "--wrap=word",
                    "--font=DejaVu Sans 9", (dir / "laid-out.txt").string()});
  INFO(pango.err);
  REQUIRE(pango.exit_code == 0);
  auto from_text = importTo(dir / "plan.txt", dir / "text.toml");
  auto from_pdf = importTo(dir / "plan.pdf", dir / "pdf.toml");
  INFO(from_pdf.err);
  REQUIRE(from_text.exit_code == 0);
  REQUIRE(from_pdf.exit_code == 0);
  std::string topics = topicsOf(dir / "pdf.toml");
  CHECK(topics == topicsOf(dir / "text.toml"));
  CHECK_THAT(topics, Contains("B.2.1 bau-cu-dai-bieu-hoi-dong Tuyên truyền về bầu cử đại biểu Hội đồng nhân dân end "
                              "2027-03-15"));
  Campaign text_campaign = loadCampaignFile(dir / "text.toml"), pdf_campaign = loadCampaignFile(dir / "pdf.toml");
  CHECK(pdf_campaign.title == text_campaign.title);
  REQUIRE(pdf_campaign.topics.size() == text_campaign.topics.size());
  for (std::size_t i = 0; i < pdf_campaign.topics.size(); ++i)
    CHECK(pdf_campaign.topics[i].description == text_campaign.topics[i].description);
}

TEST_CASE("bad documents: a clear error, exit 1, no output file") {
  TempDir dir;
  writeFile(dir / "empty.txt", "");
  writeFile(dir / "binary.txt", std::string("\0\x01\x02\xff\xfe binary \0\0", 16));
  writeFile(dir / "letter.txt", "KẾ HOẠCH\nHọp tổ dân phố năm 2026\n\nI. MỤC ĐÍCH\n1. Họp đông đủ.\n");
  writeFile(dir / "plan.odt", "I. NỘI DUNG TUYÊN TRUYỀN\n1. Một chủ đề.\n");
  struct Case {
    std::string file;
    std::string says;
  };
  for (const Case& c : {Case{"empty.txt", "the file is empty"}, Case{"binary.txt", "not a text file"},
                        Case{"letter.txt", "no content section"}, Case{"plan.odt", "unsupported document type"},
                        Case{"missing.txt", "no such file"}}) {
    INFO(c.file);
    auto out = dir / (c.file + ".toml");
    auto r = importTo(dir / c.file, out);
    CHECK(r.exit_code == 1);
    CHECK(r.err.find(c.says) != std::string::npos);
    CHECK(r.err.rfind("wardcast: ", 0) == 0);
    CHECK_FALSE(fs::exists(out));
  }
  // A failed import leaves an existing campaign file as it was.
  writeFile(dir / "kept.toml", "# reviewed\n");
  CHECK(importTo(dir / "empty.txt", dir / "kept.toml").exit_code == 1);
  CHECK(readFile(dir / "kept.toml") == "# reviewed\n");
  for (const auto& entry : fs::directory_iterator(dir.path()))
    CHECK(entry.path().filename().string().find(".toml.") == std::string::npos);  // no temp files left
}

TEST_CASE("plan check reports every error with FILE:LINE:COLUMN and exits 1") {
  TempDir dir;
  auto file = dir / "bad.toml";
  writeFile(file, R"([campaign]
id = "c1"
title = "T"
start = 2026-09-01
end = 2026-03-01
colour = "red"

[[topic]]
id = "a"
title = "A"
end = "2026-13-01"
  [[topic.quota]]
  target = "kind:loudspeaker"
  plays = 0
  per = "fortnight"
  min_gap = "soon"

[[topic]]
id = "a"
title = "B"
)");
  auto r = runCli({"plan", "check", "--standalone", file.string()});
  CHECK(r.exit_code == 1);
  std::string f = file.string();
  for (const std::string& expected :
       {f + ":4:9: campaign start 2026-09-01 is after its end 2026-03-01", f + ":6:1: unknown key 'colour'", f + ":11:7: 'end' is not a valid date",
        f + ":14:11: 'plays' must be an integer of at least 1", f + ":15:9: unknown period 'fortnight'",
        f + ":16:13: bad min_gap 'soon'", f + ":19:6: duplicate topic id 'a'"}) {
    INFO(r.err);
    CHECK(r.err.find(expected) != std::string::npos);
  }
  // toml++ rejects the impossible date itself, with its position.
  writeFile(file, "[campaign]\nid = \"c\"\ntitle = \"T\"\nstart = 2026-02-30\nend = 2026-12-31\n");
  auto bad_date = runCli({"plan", "check", "--standalone", file.string()});
  CHECK(bad_date.exit_code == 1);
  CHECK(bad_date.err.find(f + ":4:") != std::string::npos);
  auto missing = runCli({"plan", "check", "--standalone", (dir / "none.toml").string()});
  CHECK(missing.exit_code == 1);
  CHECK(missing.err.find("cannot read") != std::string::npos);
}
