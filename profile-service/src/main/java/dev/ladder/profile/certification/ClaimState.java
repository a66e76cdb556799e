package dev.ladder.profile.certification;

/** Where a certification claim stands. New and edited claims are PENDING; a withdrawn claim is kept. */
public enum ClaimState {
    PENDING, VERIFIED, REJECTED, WITHDRAWN
}
