.class public interface abstract Lcom/bun/miitmdid/interfaces/IIdentifierListener;
.super Ljava/lang/Object;
.source "IIdentifierListener.java"

.method public abstract OnSupport(ZLcom/bun/miitmdid/interfaces/IdSupplier;)V
.end method
