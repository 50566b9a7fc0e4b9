package dev.sluice.lint;

import static java.util.Objects.requireNonNull;

import dev.sluice.core.Comment;
import dev.sluice.core.SourcePosition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A parsed {@code <!-- sluice-disable ID[, ID...]: reason -->} comment. Standing directly before an
 * element, it suppresses the named rules' findings on that element (not on its children, so a
 * suppression never hides more than the line it stands on).
 *
 * <p>{@code reason} is the text after the first colon, trimmed, {@code ""} when absent. Ids are
 * kept as written; the {@code SLU002} rule reports those that name no rule.
 */
public record SuppressionComment(List<String> ruleIds, String reason, SourcePosition position) {

  /** The keyword that starts a suppression comment. */
  public static final String KEYWORD = "sluice-disable";

  public SuppressionComment {
    ruleIds = List.copyOf(ruleIds);
    requireNonNull(reason, "reason");
    requireNonNull(position, "position");
  }

  /** The suppression in this comment, empty when the comment is not a {@code sluice-disable}. */
  public static Optional<SuppressionComment> parse(Comment comment) {
    String text = comment.text().strip();
    if (!text.startsWith(KEYWORD)) {
      return Optional.empty();
    }
    String rest = text.substring(KEYWORD.length());
    if (!rest.isEmpty() && !Character.isWhitespace(rest.charAt(0)) && rest.charAt(0) != ':') {
      return Optional.empty(); // another word that merely starts with the keyword
    }
    int colon = rest.indexOf(':');
    String idPart = colon < 0 ? rest : rest.substring(0, colon);
    String reason = colon < 0 ? "" : rest.substring(colon + 1).strip();
    List<String> ids = new ArrayList<>();
    for (String token : idPart.split("[\\s,]+")) {
      if (!token.isEmpty()) {
        ids.add(token);
      }
    }
    return Optional.of(new SuppressionComment(ids, reason, comment.position()));
  }

  /** Every suppression among these comments, in order. */
  public static List<SuppressionComment> parseAll(List<Comment> comments) {
    List<SuppressionComment> result = new ArrayList<>();
    for (Comment comment : comments) {
      parse(comment).ifPresent(result::add);
    }
    return List.copyOf(result);
  }

  public boolean names(String ruleId) {
    return ruleIds.contains(ruleId);
  }

  public Suppression toSuppression() {
    return new Suppression(reason, position);
  }
}
