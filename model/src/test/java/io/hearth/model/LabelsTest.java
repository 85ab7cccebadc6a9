package io.hearth.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestRandomExtension.class)
class LabelsTest {
  @Test
  void internedSetsShareTheirStringsAndStayEqual() {
    String value = new String(new char[] {'a', 'p', 'i', '-', '7'});
    Labels a = Labels.of("job", value, "__name__", new String("up".toCharArray()));
    Labels b = Labels.of("job", new String(value.toCharArray()), "__name__", "up");
    Labels ia = a.interned();
    Labels ib = b.interned();
    assertThat(ia).isEqualTo(a).isEqualTo(ib).isNotSameAs(a);
    assertThat(ia.value(1)).isSameAs(ib.value(1)).isSameAs(value.intern());
    assertThat(ia.name(0)).isSameAs(ib.name(0));
    assertThat(ia.interned()).isSameAs(ia);
    assertThat(ia.hash()).isEqualTo(a.hash());
  }

  @Test
  void ofSortsByNameAndDropsEmptyValues() {
    Labels ls = Labels.of("job", "api", "__name__", "up", "empty", "", "instance", "h:1");
    assertThat(ls.size()).isEqualTo(3);
    assertThat(ls.toPairs()).containsExactly("__name__", "up", "instance", "h:1", "job", "api");
    assertThat(ls.name(0)).isEqualTo("__name__");
    assertThat(ls.value(2)).isEqualTo("api");
    assertThat(ls.metricName()).isEqualTo("up");
    assertThat(ls.has("empty")).isFalse();
  }

  @Test
  void ofRejectsOddCountsAndDuplicates() {
    assertThatThrownBy(() -> Labels.of("a"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("odd");
    assertThatThrownBy(() -> Labels.of("a", "1", "b", "2", "a", "3"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("duplicate label name: a");
    assertThatThrownBy(() -> Labels.of("a", "", "a", "3"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Labels.of()).isSameAs(Labels.empty());
    assertThat(Labels.of("a", "")).isSameAs(Labels.empty());
  }

  @Test
  void getHasIndexOf() {
    Labels ls = Labels.of("b", "2", "d", "4", "f", "6");
    assertThat(ls.get("d")).isEqualTo("4");
    assertThat(ls.get("c")).isEmpty();
    assertThat(ls.has("f")).isTrue();
    assertThat(ls.has("g")).isFalse();
    assertThat(ls.indexOf("b")).isZero();
    assertThat(ls.indexOf("f")).isEqualTo(2);
    assertThat(ls.indexOf("a")).isEqualTo(-1);
    assertThat(ls.indexOf("c")).isEqualTo(-2);
    assertThat(ls.indexOf("z")).isEqualTo(-4);
    assertThat(Labels.empty().indexOf("a")).isEqualTo(-1);
    assertThat(Labels.empty().metricName()).isEmpty();
    assertThat(Labels.empty().isEmpty()).isTrue();
  }

  @Test
  void namesSortInUtf8ByteOrderNotUtf16Order() {
    // U+FF21 (3 UTF-8 bytes, EF BC A1) sorts before U+1F600 (F0 9F 98 80) in UTF-8 and code
    // point order, but after it in UTF-16 order (FF21 > D83D).
    String fullwidthA = "\uFF21";
    String emoji = "😀";
    assertThat(fullwidthA.compareTo(emoji)).isPositive();
    Labels ls = Labels.of(emoji, "1", fullwidthA, "2", "a", "3");
    assertThat(ls.name(0)).isEqualTo("a");
    assertThat(ls.name(1)).isEqualTo(fullwidthA);
    assertThat(ls.name(2)).isEqualTo(emoji);
    assertThat(ls.get(emoji)).isEqualTo("1");
    assertThat(ls.get(fullwidthA)).isEqualTo("2");
    assertThat(Labels.of("a", fullwidthA)).isLessThan(Labels.of("a", emoji));
  }

  @Test
  void labelSetsCompareAsPrometheusDoes() {
    Labels a = Labels.of("a", "1");
    Labels ab = Labels.of("a", "1", "b", "1");
    Labels a2 = Labels.of("a", "2");
    Labels b = Labels.of("b", "0");
    assertThat(a.compareTo(ab)).isNegative();
    assertThat(ab.compareTo(a)).isPositive();
    assertThat(ab.compareTo(a2)).isNegative();
    assertThat(a2.compareTo(b)).isNegative();
    assertThat(Labels.empty().compareTo(a)).isNegative();
    assertThat(a.compareTo(Labels.of("a", "1"))).isZero();
  }

  @Test
  void equalityAndHash(TestRandom r) {
    Labels x = Labels.of("a", "1", "b", "2");
    Labels y = Labels.of("b", "2", "a", "1");
    assertThat(x).isEqualTo(y).hasSameHashCodeAs(y);
    assertThat(x.hash()).isEqualTo(y.hash());
    assertThat(x).isNotEqualTo(Labels.of("a", "1", "b", "3"));
    assertThat(x).isNotEqualTo(Labels.of("a", "1"));
    // The separator keeps name/value boundaries apart.
    assertThat(Labels.of("ab", "c").hash()).isNotEqualTo(Labels.of("a", "bc").hash());
    List<String> pairs = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      pairs.add("n" + r.nextInt(1000));
      pairs.add("v" + r.nextInt(1000));
    }
    try {
      Labels p = Labels.of(pairs.toArray(new String[0]));
      Labels q = Labels.builder().reset(p).build();
      assertThat(q).as("%s", r).isEqualTo(p);
      assertThat(q.hash()).as("%s", r).isEqualTo(p.hash());
    } catch (IllegalArgumentException duplicateName) {
      assertThat(duplicateName).hasMessageContaining("duplicate");
    }
  }

  @Test
  void hashIsStableAcrossRuns() {
    // Pinned: the hash may be persisted, so changing the function is a format change.
    assertThat(Labels.of("__name__", "up", "job", "node", "instance", "localhost:9100").hash())
        .isEqualTo(-3804043762296117265L);
    assertThat(Labels.empty().hash()).isEqualTo(-1166397803181037274L);
    assertThat(Labels.of("é", "😀").hash()).isEqualTo(7741135120828772009L);
  }

  @Test
  void toStringEscapesLikePrometheus() {
    assertThat(Labels.empty()).hasToString("{}");
    assertThat(Labels.of("__name__", "up", "job", "a\"b\\c\nd"))
        .hasToString("{__name__=\"up\", job=\"a\\\"b\\\\c\\nd\"}");
    assertThat(Labels.of("foo.bar", "1", "é", "ü", "1a", "x"))
        .hasToString("{\"1a\"=\"x\", \"foo.bar\"=\"1\", \"é\"=\"ü\"}");
    assertThat(Labels.of("a", "\t\u0001")).hasToString("{a=\"\\t\\x01\"}");
  }

  @Test
  void ofSortedPairsChecksItsInput() {
    String[] pairs = {"a", "1", "b", "2"};
    assertThat(Labels.ofSortedPairs(pairs)).isEqualTo(Labels.of("b", "2", "a", "1"));
    assertThat(Labels.ofSortedPairs(new String[0])).isSameAs(Labels.empty());
    assertThatThrownBy(() -> Labels.ofSortedPairs(new String[] {"b", "1", "a", "2"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not sorted");
    assertThatThrownBy(() -> Labels.ofSortedPairs(new String[] {"a", "1", "a", "2"}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Labels.ofSortedPairs(new String[] {"a", "1", "b"}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Labels.ofSortedPairs(new String[] {"a", ""}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty value");
    assertThatThrownBy(() -> Labels.ofSortedPairs(new String[] {"a", null}))
        .isInstanceOf(IllegalArgumentException.class);
    // UTF-8 order, not UTF-16 order.
    assertThat(Labels.ofSortedPairs(new String[] {"\uFF21", "1", "😀", "2"}).size()).isEqualTo(2);
    assertThatThrownBy(() -> Labels.ofSortedPairs(new String[] {"😀", "2", "\uFF21", "1"}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void forEachVisitsInNameOrder() {
    List<String> seen = new ArrayList<>();
    Labels.of("b", "2", "a", "1").forEach((n, v) -> seen.add(n + "=" + v));
    assertThat(seen).containsExactly("a=1", "b=2");
  }

  @Test
  void toPairsIsACopy() {
    Labels ls = Labels.of("a", "1");
    String[] p = ls.toPairs();
    p[1] = "changed";
    assertThat(ls.get("a")).isEqualTo("1");
  }
}
