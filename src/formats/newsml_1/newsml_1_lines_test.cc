#include "formats/newsml_1/newsml_1_lines.h"

#include <gtest/gtest.h>

namespace wirepress::formats::newsml_1 {
namespace {

TEST(NewsmlDateline, SplitsPlaceDateAndAgency) {
  EXPECT_EQ(ParseDatelineText("STOCKHOLM, Aug 29, 2014 (AFP) -"),
            (model::Dateline{"STOCKHOLM", "", "Aug 29, 2014", "AFP"}));
}

TEST(NewsmlDateline, PlaceWithStateHasNoDate) {
  EXPECT_EQ(ParseDatelineText("KANSAS CITY, Mo."), (model::Dateline{"KANSAS CITY", "Mo.", "", ""}));
}

TEST(NewsmlDateline, DateOnly) {
  EXPECT_EQ(ParseDatelineText("4/4/2018"), (model::Dateline{"", "", "4/4/2018", ""}));
}

TEST(NewsmlDateline, EmptyText) { EXPECT_EQ(ParseDatelineText(""), model::Dateline{}); }

TEST(NewsmlInstruction, MapsToSignals) {
  EXPECT_EQ(InstructionSignal("Kill"), model::Signal::kKill);
  EXPECT_EQ(InstructionSignal("Correction"), model::Signal::kCorrection);
  EXPECT_EQ(InstructionSignal("Update"), model::Signal::kUpdate);
  EXPECT_EQ(InstructionSignal("Release"), model::Signal::kNone);
}

}  // namespace
}  // namespace wirepress::formats::newsml_1
