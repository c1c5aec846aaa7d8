#include "daemon/cli/table.h"

#include <catch2/catch.hpp>
#include <string>

using tellal::cli::DisplayWidth;
using tellal::cli::SanitizeForTerminal;
using tellal::cli::Table;
using tellal::cli::TruncateToWidth;

TEST_CASE("DisplayWidth counts terminal columns", "[table]") {
  auto [text, width] = GENERATE(table<std::string, size_t>({
      {"", 0},
      {"sim1", 4},
      {"Ayşe Çığ", 8},
      {"😀", 2},
      {"漢字", 4},
      {"e\u0301", 1},  // e + combining acute accent
      {"\xff", 1},
  }));
  CAPTURE(text);
  CHECK(DisplayWidth(text) == width);
}

TEST_CASE("SanitizeForTerminal defuses control characters", "[table]") {
  auto [text, safe] = GENERATE(table<std::string, std::string>({
      {"plain ğüşiöç", "plain ğüşiöç"},
      {"line1\nline2", "line1\u21B5line2"},
      {"line1\r\nline2", "line1\u21B5line2"},
      {"a\tb", "a b"},
      {"\x1b[2J\x1b]0;pwned\x07", "\uFFFD[2J\uFFFD]0;pwned\uFFFD"},
      {"csi \xc2\x9b"
       "31m",
       "csi \uFFFD31m"},  // C1 CSI, which some terminals obey
      {"bad \xff byte", "bad \uFFFD byte"},
      {"del\x7f", "del\uFFFD"},
  }));
  CAPTURE(text);
  CHECK(SanitizeForTerminal(text) == safe);
}

TEST_CASE("TruncateToWidth cuts at a character boundary with an ellipsis", "[table]") {
  auto [text, width, cut] = GENERATE(table<std::string, size_t, std::string>({
      {"Merhaba dünya", 20, "Merhaba dünya"},
      {"Merhaba dünya", 13, "Merhaba dünya"},
      {"Merhaba dünya", 12, "Merhaba dün…"},
      {"ab😀c", 4, "ab…"},
      {"ab😀c", 5, "ab😀c"},
      {"abc", 1, "…"},
      {"abc", 0, ""},
  }));
  CAPTURE(text, width);
  CHECK(TruncateToWidth(text, width) == cut);
  CHECK(DisplayWidth(TruncateToWidth(text, width)) <= width);
}

TEST_CASE("Tables align columns by display width", "[table]") {
  Table t({"ID", "STATE", "SENT", "NOTE"});
  t.SetAlign(2, Table::Align::kRight);
  t.AddRow({"sim1", "ready", "12/500", "Ayşe"});
  t.AddRow({"sim10", "degraded", "0", ""});
  t.AddRow({"😀", "x"});
  CHECK(t.rows() == 3);
  CHECK(t.Render() ==
        "ID     STATE       SENT  NOTE\n"
        "sim1   ready     12/500  Ayşe\n"
        "sim10  degraded       0\n"
        "😀     x\n");
}

TEST_CASE("Table cells are sanitized and cut to the column's limit", "[table]") {
  Table t({"FROM", "TEXT"});
  t.SetMaxWidth(1, 10);
  t.AddRow({"+90\x1b[31m", "first line\nsecond line"});
  t.AddRow({"+1", "short"});
  CHECK(t.Render() ==
        "FROM      TEXT\n"
        "+90\uFFFD[31m  first lin…\n"
        "+1        short\n");
}

TEST_CASE("A table without rows is its header", "[table]") {
  Table t({"A", "B"});
  CHECK(t.Render() == "A  B\n");
}
