.class public interface abstract Lcom/bun/miitmdid/interfaces/IdSupplier;
.super Ljava/lang/Object;
.source "IdSupplier.java"

.method public abstract isSupported()Z
.end method

.method public abstract getOAID()Ljava/lang/String;
.end method
