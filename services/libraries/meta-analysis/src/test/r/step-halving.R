# Reference numbers for MixedEffectsEngine's step halving (StepHalvingTest).
# Thirteen units of the size of the demo consortium's smallest facilitation-style level, where
# metafor's REML Fisher scoring oscillates with the default step and converges with stepadj = 0.5.
# Run: Rscript step-halving.R   (R 4.2, metafor 3.8-1)
library(metafor)
options(digits = 12)
yi <- c(0.213, 0.418, 0.199, 0.472, 0.393, 0.341, 0.51, 0.507, 0.351, 0.509, 0.673, 0.371, -0.008)
vi <- c(0.0336, 0.0175, 0.00495, 0.0121, 0.0131, 0.0795, 0.0472, 0.0242, 0.017, 0.0143, 0.0784, 0.035, 0.209)

# Fails: "Fisher scoring algorithm did not converge. See 'help(rma)' for possible remedies."
print(try(rma(yi, vi)))

res <- rma(yi, vi, control = list(stepadj = 0.5))
print(c(estimate = res$beta[1], se = res$se, tau2 = res$tau2, se.tau2 = res$se.tau2, I2 = res$I2,
        QE = res$QE))
