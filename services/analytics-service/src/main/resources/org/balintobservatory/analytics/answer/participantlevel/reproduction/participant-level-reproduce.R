# Refits a participant-level answer of the Balint Observatory from its groups' sufficient statistics.
# Run it in the unzipped bundle: Rscript reproduce.R
# Needs R with lme4 and lmerTest (install.packages(c("lme4", "lmerTest")), or Debian's r-cran-lmertest).
suppressPackageStartupMessages({
  library(lme4)
  library(lmerTest)
})
reml <- @REML@
nested <- @NESTED@
tolerance <- 1e-4

clusters <- read.csv("clusters.csv", check.names = FALSE, stringsAsFactors = FALSE)
expected <- read.csv("expected.csv", check.names = FALSE, stringsAsFactors = FALSE)
means <- grep("^m\\.", names(clusters), value = TRUE)
columns <- sub("^m\\.", "", means)
q <- length(columns)

# An n x (n - 1) orthonormal basis of the vectors orthogonal to the vector of ones.
orthogonal <- function(n) {
  if (n < 2) return(matrix(0, n, 0))
  qr.Q(qr(cbind(1, diag(n)[, seq_len(n - 1), drop = FALSE])))[, -1, drop = FALSE]
}

# Synthetic rows with exactly the group's mean and centred cross-products: z-bar' + Q A', with Q orthonormal
# and orthogonal to 1, and A A' = C from C's eigen decomposition (rank C <= n - 1). They are not the
# participants' rows; only their sums are the participants' sums, and the fit depends on nothing else.
synthetic <- function(g) {
  n <- clusters$n[g]
  zbar <- unlist(clusters[g, means])
  C <- matrix(0, q, q)
  for (a in seq_len(q)) for (b in a:q) C[a, b] <- C[b, a] <- clusters[g, sprintf("c.%d.%d", a, b)]
  e <- eigen(C, symmetric = TRUE)
  keep <- which(e$values > max(abs(e$values)) * 1e-10)
  keep <- keep[seq_len(min(length(keep), n - 1))]
  Z <- matrix(zbar, n, q, byrow = TRUE)
  if (length(keep) > 0) {
    A <- e$vectors[, keep, drop = FALSE] %*% diag(sqrt(e$values[keep]), length(keep))
    Z <- Z + orthogonal(n)[, seq_along(keep), drop = FALSE] %*% t(A)
  }
  colnames(Z) <- c(sprintf("x%d", seq_len(q - 1)), "y")
  data.frame(institution = clusters$institution[g], group = clusters$group[g], Z)
}
rows <- do.call(rbind, lapply(seq_len(nrow(clusters)), synthetic))

# Check that the rows carry the statistics they were built from, group by group.
for (g in seq_len(nrow(clusters))) {
  Z <- as.matrix(rows[rows$group == clusters$group[g], -(1:2)])
  stopifnot(nrow(Z) == clusters$n[g], isTRUE(all.equal(unname(colMeans(Z)), unname(unlist(clusters[g, means])),
                                                         tolerance = 1e-9)))
}

random <- if (nested) "(1 | institution/group)" else "(1 | group)"
model <- as.formula(paste("y ~", paste(sprintf("x%d", seq_len(q - 1)), collapse = " + "), "+", random))
fit <- lmer(model, data = rows, REML = reml)
coefs <- summary(fit, ddf = "Satterthwaite")$coefficients
terms <- c("(Intercept)", columns[-q])
vc <- as.data.frame(VarCorr(fit))
variance <- c(
  institution = if (nested) vc$vcov[vc$grp == "institution"] else 0,
  group = vc$vcov[vc$grp == (if (nested) "group:institution" else "group")],
  residual = vc$vcov[vc$grp == "Residual"])

refit <- rbind(
  data.frame(quantity = "estimate", term = terms, value = unname(coefs[, "Estimate"])),
  data.frame(quantity = "se", term = terms, value = unname(coefs[, "Std. Error"])),
  data.frame(quantity = "df", term = terms, value = unname(coefs[, "df"])),
  data.frame(quantity = "variance", term = names(variance), value = unname(variance)),
  data.frame(quantity = "logLik", term = "", value = as.numeric(logLik(fit))))
expected$term[is.na(expected$term)] <- ""
both <- merge(expected, refit, by = c("quantity", "term"), suffixes = c(".answer", ".lmer"))
both$difference <- abs(both$value.answer - both$value.lmer) / pmax(1, abs(both$value.lmer))
print(both, digits = 10, row.names = FALSE)
if (nrow(both) != nrow(expected) || any(both$difference > tolerance)) {
  stop("the refit differs from the answer by more than ", tolerance)
}
cat("all", nrow(both), "numbers agree with lmer to", tolerance, "(relative)\n")
